// The IPC contract between the main process and the renderer, declared once: the table
// below names each call's channel, request schema and response schema, and everything else
// (channel types, the page's API type, the bridge, main's handler map) is derived from it.
// Adding a call is one row here plus one handler in main/ipc/handlers.ts.
// Rule: nothing here may import electron, and no type here may carry a token, JWT or
// PKCE verifier. Main imports the schemas; the renderer imports types only. Response
// schemas are strict, so a test that parses an answer fails on any field added to it;
// main does not parse its own answers at run time.
import { z } from 'zod';
import { SIGN_UP_POLICIES } from '../common/stytch/constants';
import { NOTICE_CODES, type IpcResult } from './result-codes';

export * from './result-codes';

export const EMAIL_MAX_LENGTH = 254;
export const PASTED_LINK_MAX_LENGTH = 4096;
export const PERSON_NAME_MAX_LENGTH = 100;
/** A render error's report: enough to diagnose, small enough that a loop cannot flood the log. */
export const ERROR_MESSAGE_MAX_LENGTH = 1000;
export const ERROR_STACK_MAX_LENGTH = 8000;


export const AUTH_STATUSES = [
  'restoring',
  'signed-out',
  'sending',
  'link-sent',
  'authenticating',
  /** A link not requested here was exchanged; the person is asked before it counts. */
  'confirming',
  'signed-in',
] as const;
export type AuthStatus = (typeof AUTH_STATUSES)[number];

/** What a person should do next about a notice; the renderer turns it into a button. */
export const NOTICE_ACTIONS = ['retry', 'resend', 'start-over', 'contact-support'] as const;
export type NoticeAction = (typeof NOTICE_ACTIONS)[number];

export const noticeSchema = z.strictObject({
  /** Stable machine code (e.g. 'link-expired-or-used', 'offline'); tests and the UI key on it. */
  code: z.enum(NOTICE_CODES),
  tone: z.enum(['error', 'warning', 'info', 'success']),
  /** A sentence a person understands, including the next step to take. */
  message: z.string(),
  action: z.enum(NOTICE_ACTIONS).nullable(),
  /** For rate limits: how long to wait before trying again. */
  retryAfterSeconds: z.number().int().nonnegative().nullable(),
});
export type Notice = z.infer<typeof noticeSchema>;

/**
 * The renderer's whole knowledge of sign-in. Produced by exactly one projection function
 * in main/auth; it never holds a token, JWT, verifier or secret.
 */
export const authViewSchema = z.strictObject({
  status: z.enum(AUTH_STATUSES),
  email: z.string().nullable(),
  name: z.string().nullable(),
  /** Signed in: when the session ends (ISO 8601). */
  expiresAt: z.string().nullable(),
  /** Link sent: when the emailed link stops working (ISO 8601). */
  linkExpiresAt: z.string().nullable(),
  /** Link sent: the earliest moment "Resend" may be used (ISO 8601). */
  resendAvailableAt: z.string().nullable(),
  /** Confirming: the email of the sign-in still pending here, which Cancel returns to. */
  pendingEmail: z.string().nullable(),
  /** 'memory-only' when the OS offers no real encryption: the session is not written to disk. */
  persistence: z.enum(['encrypted', 'memory-only']),
  /** Signed in but Stytch cannot be reached: the session is kept until it expires. */
  offline: z.boolean(),
  /** The address the last link was sent to (remembered, sealed, across restarts): pre-fills sign-in. */
  lastEmail: z.string().nullable(),
  /** What the app's configuration allows, so the UI shows only what works. */
  features: z.strictObject({
    signUpPolicy: z.enum(SIGN_UP_POLICIES),
    invitesEnabled: z.boolean(),
    /** How long main waits for Stytch before it gives up; the page waits a little longer. */
    stytchTimeoutMs: z.number().int().positive(),
  }),
  notice: noticeSchema.nullable(),
});
export type AuthView = z.infer<typeof authViewSchema>;

/** One of the signed-in user's active sessions (Stytch session ids are identifiers, not credentials). */
export const sessionSummarySchema = z.strictObject({
  id: z.string(),
  current: z.boolean(),
  startedAt: z.string(),
  lastActiveAt: z.string(),
  expiresAt: z.string().nullable(),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

export const accountViewSchema = z.strictObject({
  email: z.string(),
  name: z.string().nullable(),
  sessionStartedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  sessions: z.array(sessionSummarySchema),
  /** Invites this app sent and that are not yet accepted or revoked. */
  pendingInvites: z.array(z.strictObject({ email: z.string(), name: z.string().nullable(), sentAt: z.string() })),
});
export type AccountView = z.infer<typeof accountViewSchema>;

/**
 * A short-lived link that signs this account in on another computer. The link itself (it
 * holds a token) stays in the main process: the page sees a masked preview and asks main
 * to put the real link on the clipboard.
 */
export const deviceLinkViewSchema = z.strictObject({ maskedLink: z.string(), expiresAt: z.string() });
export type DeviceLinkView = z.infer<typeof deviceLinkViewSchema>;

/** What support needs to diagnose "the link didn't open the app"; never holds a token or secret. */
export const diagnosticsViewSchema = z.strictObject({
  appVersion: z.string(),
  channel: z.string(),
  platform: z.string(),
  protocolHandler: z.strictObject({ isDefault: z.boolean(), currentHandler: z.string().nullable(), canFix: z.boolean() }),
  storage: z.strictObject({ backend: z.string(), encrypted: z.boolean() }),
  /** On Linux: why the keyring in use was chosen; null elsewhere. */
  keyringReason: z.string().nullable(),
  /** How sign-in calls leave this computer: "direct" or "through proxy host:port (from system settings)". */
  network: z.string(),
  stytch: z.strictObject({ target: z.string(), reachable: z.boolean(), latencyMs: z.number().nullable(), detail: z.string().nullable() }),
  logFilePath: z.string().nullable(),
  /** Opt-in crash reports: on only when the packaged configuration names a server (its origin). */
  crashReports: z.strictObject({ enabled: z.boolean(), server: z.string().nullable() }),
  /** How this installation updates, and the last check in words (null: none yet, or updates are off). */
  updates: z.strictObject({ mode: z.enum(['automatic', 'notify', 'off']), lastCheck: z.string().nullable() }),
  /** The plain-text report "Copy diagnostics" puts on the clipboard. */
  report: z.string(),
});
export type DiagnosticsView = z.infer<typeof diagnosticsViewSchema>;

/** What the page knows of updates: enough for the banner, never the feed's address or a file path. */
export const updateViewSchema = z.strictObject({
  /** 'idle': nothing to offer (also when updates are off). */
  status: z.enum(['idle', 'available', 'downloading', 'ready']),
  /** The version on offer, downloading or ready; null when idle. */
  version: z.string().nullable(),
  /** While downloading: how much has arrived, 0 to 100; null otherwise. */
  percent: z.number().min(0).max(100).nullable(),
  /** After a check the person asked for, a failed download or a restart that has to wait. */
  notice: z.strictObject({ tone: z.enum(['info', 'warning']), message: z.string() }).nullable(),
});
export type UpdateView = z.infer<typeof updateViewSchema>;

/** A page that hit a render error: what it may tell main. No view data, only the error. */
const rendererErrorReportSchema = z.strictObject({
  message: z.string().max(ERROR_MESSAGE_MAX_LENGTH),
  /** Empty when the error had none. */
  stack: z.string().max(ERROR_STACK_MAX_LENGTH),
});
export type RendererErrorReport = z.infer<typeof rendererErrorReportSchema>;

/** The stable code main logged the report under, which the recovery screen shows for support. */
const rendererErrorReceiptSchema = z.strictObject({ code: z.string() });
export type RendererErrorReceipt = z.infer<typeof rendererErrorReceiptSchema>;

const nothing = z.undefined();
const emailRequest = z.strictObject({ email: z.string().max(EMAIL_MAX_LENGTH) });

interface InvokeSpec {
  channel: `${string}:${string}`;
  request: z.ZodType;
  response: z.ZodType;
}

/**
 * Renderer → main calls (ipcRenderer.invoke / ipcMain.handle), by the name the page calls
 * them. Main parses every request with its schema; the page gets `IpcResult<response>`.
 */
export const INVOKE_CONTRACT = {
  getView: { channel: 'auth:get-view', request: nothing, response: authViewSchema },
  sendLink: { channel: 'auth:send-link', request: emailRequest, response: authViewSchema },
  resend: { channel: 'auth:resend', request: nothing, response: authViewSchema },
  submitLink: {
    channel: 'auth:submit-link',
    request: z.strictObject({ link: z.string().max(PASTED_LINK_MAX_LENGTH) }),
    response: authViewSchema,
  },
  /** Continue as the account of a link not requested here (status 'confirming'). */
  confirmLink: { channel: 'auth:confirm-link', request: nothing, response: authViewSchema },
  /** Decline it: its session is ended at Stytch and a pending sign-in comes back. */
  cancelLink: { channel: 'auth:cancel-link', request: nothing, response: authViewSchema },
  startOver: { channel: 'auth:start-over', request: nothing, response: authViewSchema },
  dismissNotice: { channel: 'auth:dismiss-notice', request: nothing, response: authViewSchema },
  signOut: { channel: 'auth:sign-out', request: nothing, response: authViewSchema },
  getAccount: { channel: 'account:get', request: nothing, response: accountViewSchema },
  signOutOtherSessions: { channel: 'account:sign-out-other-sessions', request: nothing, response: accountViewSchema },
  createDeviceLink: { channel: 'account:create-device-link', request: nothing, response: deviceLinkViewSchema },
  /** Main puts the real link on the clipboard; the page never holds it. */
  copyDeviceLink: { channel: 'account:copy-device-link', request: nothing, response: deviceLinkViewSchema },
  inviteUser: {
    channel: 'account:invite',
    request: z.strictObject({
      email: z.string().max(EMAIL_MAX_LENGTH),
      firstName: z.string().max(PERSON_NAME_MAX_LENGTH),
      lastName: z.string().max(PERSON_NAME_MAX_LENGTH),
    }),
    response: accountViewSchema,
  },
  revokeInvite: { channel: 'account:revoke-invite', request: emailRequest, response: accountViewSchema },
  getDiagnostics: { channel: 'diagnostics:get', request: nothing, response: diagnosticsViewSchema },
  copyDiagnostics: { channel: 'diagnostics:copy', request: nothing, response: diagnosticsViewSchema },
  fixProtocolHandler: { channel: 'diagnostics:fix-protocol-handler', request: nothing, response: diagnosticsViewSchema },
  revealLogFile: { channel: 'diagnostics:reveal-log-file', request: nothing, response: diagnosticsViewSchema },
  /** Tells main the page hit a render error (already cut to the schema's limits). */
  reportRendererError: { channel: 'app:report-renderer-error', request: rendererErrorReportSchema, response: rendererErrorReceiptSchema },
  getUpdate: { channel: 'updates:get', request: nothing, response: updateViewSchema },
  /** "notify" mode: fetch the update on offer. */
  downloadUpdate: { channel: 'updates:download', request: nothing, response: updateViewSchema },
  /** Quits and installs the downloaded update; refused while a sign-in or session write is under way. */
  restartToUpdate: { channel: 'updates:restart', request: nothing, response: updateViewSchema },
  dismissUpdateNotice: { channel: 'updates:dismiss-notice', request: nothing, response: updateViewSchema },
  // A call is never named on…: that is how the page tells subscriptions apart (renderer/deadlines.ts).
} as const satisfies Record<string, InvokeSpec> & { [name: `on${Capitalize<string>}`]: never };

/** Main → renderer pushes (webContents.send / ipcRenderer.on); the page subscribes with `on…`. */
export const PUSH_CONTRACT = {
  /** Every change of the sign-in view; the subscription returns its unsubscribe function. */
  onViewChanged: { channel: 'auth:view-changed', payload: authViewSchema },
  onUpdateChanged: { channel: 'updates:changed', payload: updateViewSchema },
  /** The application menu's Help → Diagnostics. */
  onShowDiagnostics: { channel: 'app:show-diagnostics', payload: nothing },
} as const satisfies Record<`on${Capitalize<string>}`, { channel: `${string}:${string}`; payload: z.ZodType }>;

type Invokes = typeof INVOKE_CONTRACT;
type Pushes = typeof PUSH_CONTRACT;
export type InvokeMethod = keyof Invokes;
export type PushMethod = keyof Pushes;
export type InvokeChannel = Invokes[InvokeMethod]['channel'];
export type PushChannel = Pushes[PushMethod]['channel'];
export type RequestOf<M extends InvokeMethod> = z.infer<Invokes[M]['request']>;
export type ResponseOf<M extends InvokeMethod> = z.infer<Invokes[M]['response']>;
export type PushOf<P extends PushMethod> = z.infer<Pushes[P]['payload']>;

/** The page's API, `window.grimoire`: a call takes its request (none when the schema is undefined). */
export type GrimoireApi = {
  readonly [M in keyof Invokes]: [RequestOf<M>] extends [undefined]
    ? () => Promise<IpcResult<ResponseOf<M>>>
    : (request: RequestOf<M>) => Promise<IpcResult<ResponseOf<M>>>;
} & {
  readonly [P in keyof Pushes]: (listener: (payload: PushOf<P>) => void) => () => void;
};

export type Invoke = (channel: InvokeChannel, payload?: unknown) => Promise<unknown>;
export type Subscribe = (channel: PushChannel, listener: (payload: unknown) => void) => () => void;

/**
 * Builds the page-side API over any transport: ipcRenderer in the preload, Playwright
 * bindings in the test harness. Both get the same object, so they cannot drift. Only the
 * first argument travels: main's schema decides whether it is acceptable.
 */
export function createBridge(invoke: Invoke, subscribe: Subscribe): GrimoireApi {
  const api: Record<string, unknown> = {};
  for (const [method, { channel }] of Object.entries(INVOKE_CONTRACT)) {
    api[method] = (request?: unknown) => invoke(channel, request);
  }
  for (const [method, { channel }] of Object.entries(PUSH_CONTRACT)) {
    api[method] = (listener: (payload: unknown) => void) => subscribe(channel, listener);
  }
  return Object.freeze(api) as GrimoireApi;
}
