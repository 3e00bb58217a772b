// The codes a failed IPC call or a notice carries, part of the contract in api.ts (which
// re-exports them): the page keys on them, so each is a stable name, never a sentence.
// Rule: nothing here may import electron; the words for each code live in main.
// Failure codes: a result's `code` and a notice's `code` are one of these, so the page can
// key on them. main/auth/error-map.ts maps Stytch's error_type onto the first list.
export const FAILURE_CODES = [
  'invalid-email',
  'link-invalid',
  'link-expired-or-used',
  'link-replayed',
  'link-from-elsewhere',
  'user-not-found',
  'already-has-account',
  'rate-limited',
  'misconfigured',
  'offline',
  'certificate-untrusted',
  'proxy-auth-required',
  'timeout',
  'stytch-unavailable',
  'session-ended',
  'session-expired',
  'unexpected',
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

/** Events of the sign-in flow and refusals of the account screen (main/auth/notices.ts words them). */
export const FLOW_NOTICE_CODES = [
  'link-sent',
  'resend-too-soon',
  'no-pending-link',
  'signed-out',
  'jwt-invalid',
  'signed-out-idle',
  'already-signed-in',
  'busy',
  'paste-empty',
  'paste-not-a-link',
  'paste-malformed',
  'not-signed-in',
  'invites-disabled',
  'no-device-link',
  'clipboard-refused',
  'clipboard-unavailable',
  'link-declined',
  'confirmation-expired',
  'confirmation-busy',
  'nothing-to-confirm',
  'link-incomplete',
  'link-damaged',
  'link-altered',
  'link-not-sign-in',
  'welcome',
] as const;
export type FlowNoticeCode = (typeof FLOW_NOTICE_CODES)[number];

export const NOTICE_CODES = [...FAILURE_CODES, ...FLOW_NOTICE_CODES] as const;
export type NoticeCode = (typeof NOTICE_CODES)[number];

export const DIAGNOSTICS_FAILURE_CODES = {
  failed: 'diagnostics-failed',
  clipboard: 'clipboard-failed',
  cannotFix: 'protocol-fix-unavailable',
  fixFailed: 'protocol-fix-failed',
  noLogFile: 'log-file-unavailable',
} as const;
export type DiagnosticsFailureCode = (typeof DIAGNOSTICS_FAILURE_CODES)[keyof typeof DIAGNOSTICS_FAILURE_CODES];

/** Refusals of the update calls (main/updates/update-policy.ts words them). */
export const UPDATE_FAILURE_CODES = {
  off: 'updates-off',
  nothingOffered: 'update-not-offered',
  notReady: 'update-not-ready',
  downloadFailed: 'update-download-failed',
  restartBlocked: 'restart-blocked',
} as const;
export type UpdateFailureCode = (typeof UPDATE_FAILURE_CODES)[keyof typeof UPDATE_FAILURE_CODES];

/** Failures of the call itself, whatever the channel. */
export const CALL_FAILURE_CODES = {
  /** Main refused the payload: it did not match the channel's request schema. */
  invalidPayload: 'invalid-payload',
  /** A handler threw; main logged it. */
  internal: 'internal-error',
  /** The sender was not our window's main frame on our origin. */
  forbiddenSender: 'forbidden-sender',
  /** The page stopped waiting (renderer/deadlines.ts). */
  timedOut: 'timed-out',
} as const;
export type CallFailureCode = (typeof CALL_FAILURE_CODES)[keyof typeof CALL_FAILURE_CODES];

export type IpcFailureCode = NoticeCode | DiagnosticsFailureCode | UpdateFailureCode | CallFailureCode;

/** Handlers never throw across IPC; they answer with a result that has a stable code. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; code: IpcFailureCode; message: string };
