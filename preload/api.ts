// The IPC contract between the main process and the renderer: channel names, payload
// schemas, the renderer-safe view, and the bridge the page sees as `window.grimoire`.
// Rule: nothing here may import electron, and no type here may carry a token, JWT or
// PKCE verifier. Main imports the schemas; the renderer imports types only.
import { z } from 'zod';

/** Renderer → main requests (ipcRenderer.invoke / ipcMain.handle). */
export const INVOKE_CHANNELS = {
  getView: 'auth:get-view',
  sendLink: 'auth:send-link',
  resend: 'auth:resend',
  submitLink: 'auth:submit-link',
  confirmLink: 'auth:confirm-link',
  cancelLink: 'auth:cancel-link',
  startOver: 'auth:start-over',
  dismissNotice: 'auth:dismiss-notice',
  signOut: 'auth:sign-out',
  getAccount: 'account:get',
  signOutOtherSessions: 'account:sign-out-other-sessions',
  createDeviceLink: 'account:create-device-link',
  copyDeviceLink: 'account:copy-device-link',
  inviteUser: 'account:invite',
  revokeInvite: 'account:revoke-invite',
  getDiagnostics: 'diagnostics:get',
  copyDiagnostics: 'diagnostics:copy',
  fixProtocolHandler: 'diagnostics:fix-protocol-handler',
  revealLogFile: 'diagnostics:reveal-log-file',
  reportRendererError: 'app:report-renderer-error',
  getUpdate: 'updates:get',
  downloadUpdate: 'updates:download',
  restartToUpdate: 'updates:restart',
  dismissUpdateNotice: 'updates:dismiss-notice',
} as const;

/** Main → renderer pushes (webContents.send / ipcRenderer.on). */
export const PUSH_CHANNELS = {
  viewChanged: 'auth:view-changed',
  updateChanged: 'updates:changed',
  /** Help → Diagnostics in the application menu. */
  showDiagnostics: 'app:show-diagnostics',
} as const;

export type InvokeChannel = (typeof INVOKE_CHANNELS)[keyof typeof INVOKE_CHANNELS];
export type PushChannel = (typeof PUSH_CHANNELS)[keyof typeof PUSH_CHANNELS];

export const EMAIL_MAX_LENGTH = 254;
export const PASTED_LINK_MAX_LENGTH = 4096;
export const PERSON_NAME_MAX_LENGTH = 100;
/** A render error's report: enough to diagnose, small enough that a loop cannot flood the log. */
export const ERROR_MESSAGE_MAX_LENGTH = 1000;
export const ERROR_STACK_MAX_LENGTH = 8000;

const emailRequest = z.object({ email: z.string().max(EMAIL_MAX_LENGTH) }).strict();

/** Payload schemas, one per invoke channel. Main parses every payload with these. */
export const REQUEST_SCHEMAS = {
  [INVOKE_CHANNELS.getView]: z.undefined(),
  [INVOKE_CHANNELS.sendLink]: emailRequest,
  [INVOKE_CHANNELS.resend]: z.undefined(),
  [INVOKE_CHANNELS.submitLink]: z.object({ link: z.string().max(PASTED_LINK_MAX_LENGTH) }).strict(),
  [INVOKE_CHANNELS.confirmLink]: z.undefined(),
  [INVOKE_CHANNELS.cancelLink]: z.undefined(),
  [INVOKE_CHANNELS.startOver]: z.undefined(),
  [INVOKE_CHANNELS.dismissNotice]: z.undefined(),
  [INVOKE_CHANNELS.signOut]: z.undefined(),
  [INVOKE_CHANNELS.getAccount]: z.undefined(),
  [INVOKE_CHANNELS.signOutOtherSessions]: z.undefined(),
  [INVOKE_CHANNELS.createDeviceLink]: z.undefined(),
  [INVOKE_CHANNELS.copyDeviceLink]: z.undefined(),
  [INVOKE_CHANNELS.inviteUser]: z
    .object({
      email: z.string().max(EMAIL_MAX_LENGTH),
      firstName: z.string().max(PERSON_NAME_MAX_LENGTH),
      lastName: z.string().max(PERSON_NAME_MAX_LENGTH),
    })
    .strict(),
  [INVOKE_CHANNELS.revokeInvite]: emailRequest,
  [INVOKE_CHANNELS.getDiagnostics]: z.undefined(),
  [INVOKE_CHANNELS.copyDiagnostics]: z.undefined(),
  [INVOKE_CHANNELS.fixProtocolHandler]: z.undefined(),
  [INVOKE_CHANNELS.revealLogFile]: z.undefined(),
  [INVOKE_CHANNELS.reportRendererError]: z
    .object({ message: z.string().max(ERROR_MESSAGE_MAX_LENGTH), stack: z.string().max(ERROR_STACK_MAX_LENGTH) })
    .strict(),
  [INVOKE_CHANNELS.getUpdate]: z.undefined(),
  [INVOKE_CHANNELS.downloadUpdate]: z.undefined(),
  [INVOKE_CHANNELS.restartToUpdate]: z.undefined(),
  [INVOKE_CHANNELS.dismissUpdateNotice]: z.undefined(),
} as const satisfies Record<InvokeChannel, z.ZodType>;

export type RequestOf<C extends InvokeChannel> = z.infer<(typeof REQUEST_SCHEMAS)[C]>;

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

export const noticeSchema = z.object({
  /** Stable machine code (e.g. 'link-expired', 'offline'); tests and the UI key on it. */
  code: z.string(),
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
export const authViewSchema = z.object({
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
  /** What the app's configuration allows, so the UI shows only what works. */
  features: z.object({
    signUpPolicy: z.enum(['open', 'existing-users-only']),
    invitesEnabled: z.boolean(),
    /** How long main waits for Stytch before it gives up; the page waits a little longer. */
    stytchTimeoutMs: z.number().int().positive(),
  }),
  notice: noticeSchema.nullable(),
});
export type AuthView = z.infer<typeof authViewSchema>;

/** One of the signed-in user's active sessions (Stytch session ids are identifiers, not credentials). */
export interface SessionSummary {
  id: string;
  current: boolean;
  startedAt: string;
  lastActiveAt: string;
  expiresAt: string | null;
}

export interface AccountView {
  email: string;
  name: string | null;
  sessionStartedAt: string | null;
  expiresAt: string | null;
  sessions: SessionSummary[];
  /** Invites this app sent and that are not yet accepted or revoked. */
  pendingInvites: { email: string; name: string | null; sentAt: string }[];
}

/**
 * A short-lived link that signs this account in on another computer. The link itself (it
 * holds a token) stays in the main process: the page sees a masked preview and asks main
 * to put the real link on the clipboard.
 */
export interface DeviceLinkView {
  maskedLink: string;
  expiresAt: string;
}

/** What support needs to diagnose "the link didn't open the app"; never holds a token or secret. */
export interface DiagnosticsView {
  appVersion: string;
  channel: string;
  platform: string;
  protocolHandler: { isDefault: boolean; currentHandler: string | null; canFix: boolean };
  storage: { backend: string; encrypted: boolean };
  stytch: { target: string; reachable: boolean; latencyMs: number | null; detail: string | null };
  logFilePath: string | null;
  /** Opt-in crash reports: on only when the packaged configuration names a server (its origin). */
  crashReports: { enabled: boolean; server: string | null };
  /** How this installation updates, and the last check in words (null: none yet, or updates are off). */
  updates: { mode: 'automatic' | 'notify' | 'off'; lastCheck: string | null };
  /** The plain-text report "Copy diagnostics" puts on the clipboard. */
  report: string;
}

/** What the page knows of updates: enough for the banner, never the feed's address or a file path. */
export interface UpdateView {
  /** 'idle': nothing to offer (also when updates are off). */
  status: 'idle' | 'available' | 'downloading' | 'ready';
  /** The version on offer, downloading or ready; null when idle. */
  version: string | null;
  /** While downloading: how much has arrived, 0 to 100; null otherwise. */
  percent: number | null;
  /** After a check the person asked for, a failed download or a restart that has to wait. */
  notice: { tone: 'info' | 'warning'; message: string } | null;
}

/** A page that hit a render error: what it may tell main. No view data, only the error. */
export interface RendererErrorReport {
  message: string;
  /** Empty when the error had none. */
  stack: string;
}

/** The stable code main logged the report under, which the recovery screen shows for support. */
export interface RendererErrorReceipt {
  code: string;
}

/** What each invoke channel answers with. */
export interface InvokeResponses {
  'auth:get-view': AuthView;
  'auth:send-link': AuthView;
  'auth:resend': AuthView;
  'auth:submit-link': AuthView;
  'auth:confirm-link': AuthView;
  'auth:cancel-link': AuthView;
  'auth:start-over': AuthView;
  'auth:dismiss-notice': AuthView;
  'auth:sign-out': AuthView;
  'account:get': AccountView;
  'account:sign-out-other-sessions': AccountView;
  'account:create-device-link': DeviceLinkView;
  'account:copy-device-link': DeviceLinkView;
  'account:invite': AccountView;
  'account:revoke-invite': AccountView;
  'diagnostics:get': DiagnosticsView;
  'diagnostics:copy': DiagnosticsView;
  'diagnostics:fix-protocol-handler': DiagnosticsView;
  'diagnostics:reveal-log-file': DiagnosticsView;
  'app:report-renderer-error': RendererErrorReceipt;
  'updates:get': UpdateView;
  'updates:download': UpdateView;
  'updates:restart': UpdateView;
  'updates:dismiss-notice': UpdateView;
}
export type ResponseOf<C extends InvokeChannel> = InvokeResponses[C];

/** Handlers never throw across IPC; they answer with a result that has a stable code. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

export interface GrimoireApi {
  getView(): Promise<IpcResult<AuthView>>;
  sendLink(email: string): Promise<IpcResult<AuthView>>;
  resend(): Promise<IpcResult<AuthView>>;
  submitLink(link: string): Promise<IpcResult<AuthView>>;
  /** Continue as the account of a link not requested here (status 'confirming'). */
  confirmLink(): Promise<IpcResult<AuthView>>;
  /** Decline it: its session is ended at Stytch and a pending sign-in comes back. */
  cancelLink(): Promise<IpcResult<AuthView>>;
  startOver(): Promise<IpcResult<AuthView>>;
  dismissNotice(): Promise<IpcResult<AuthView>>;
  signOut(): Promise<IpcResult<AuthView>>;
  getAccount(): Promise<IpcResult<AccountView>>;
  signOutOtherSessions(): Promise<IpcResult<AccountView>>;
  createDeviceLink(): Promise<IpcResult<DeviceLinkView>>;
  /** Main puts the real link on the clipboard; the page never holds it. */
  copyDeviceLink(): Promise<IpcResult<DeviceLinkView>>;
  inviteUser(invite: { email: string; firstName: string; lastName: string }): Promise<IpcResult<AccountView>>;
  revokeInvite(email: string): Promise<IpcResult<AccountView>>;
  getDiagnostics(): Promise<IpcResult<DiagnosticsView>>;
  copyDiagnostics(): Promise<IpcResult<DiagnosticsView>>;
  fixProtocolHandler(): Promise<IpcResult<DiagnosticsView>>;
  revealLogFile(): Promise<IpcResult<DiagnosticsView>>;
  /** Tells main the page hit a render error (already cut to the schema's limits). */
  reportRendererError(report: RendererErrorReport): Promise<IpcResult<RendererErrorReceipt>>;
  getUpdate(): Promise<IpcResult<UpdateView>>;
  /** "notify" mode: fetch the update on offer. */
  downloadUpdate(): Promise<IpcResult<UpdateView>>;
  /** Quits and installs the downloaded update; refused while a sign-in or session write is under way. */
  restartToUpdate(): Promise<IpcResult<UpdateView>>;
  dismissUpdateNotice(): Promise<IpcResult<UpdateView>>;
  /** Subscribes to view pushes; returns the unsubscribe function. */
  onViewChanged(listener: (view: AuthView) => void): () => void;
  onUpdateChanged(listener: (view: UpdateView) => void): () => void;
  /** The application menu's Help → Diagnostics. */
  onShowDiagnostics(listener: () => void): () => void;
}

export type Invoke = (channel: InvokeChannel, payload?: unknown) => Promise<unknown>;
export type Subscribe = (channel: PushChannel, listener: (payload: unknown) => void) => () => void;

/**
 * Builds the page-side API over any transport: ipcRenderer in the preload, Playwright
 * bindings in the test harness. Both get the same object, so they cannot drift.
 */
export function createBridge(invoke: Invoke, subscribe: Subscribe): GrimoireApi {
  const call = <C extends InvokeChannel>(channel: C, payload?: unknown) =>
    invoke(channel, payload) as Promise<IpcResult<ResponseOf<C>>>;
  const C = INVOKE_CHANNELS;
  return {
    getView: () => call(C.getView),
    sendLink: (email) => call(C.sendLink, { email }),
    resend: () => call(C.resend),
    submitLink: (link) => call(C.submitLink, { link }),
    confirmLink: () => call(C.confirmLink),
    cancelLink: () => call(C.cancelLink),
    startOver: () => call(C.startOver),
    dismissNotice: () => call(C.dismissNotice),
    signOut: () => call(C.signOut),
    getAccount: () => call(C.getAccount),
    signOutOtherSessions: () => call(C.signOutOtherSessions),
    createDeviceLink: () => call(C.createDeviceLink),
    copyDeviceLink: () => call(C.copyDeviceLink),
    inviteUser: (invite) => call(C.inviteUser, invite),
    revokeInvite: (email) => call(C.revokeInvite, { email }),
    getDiagnostics: () => call(C.getDiagnostics),
    copyDiagnostics: () => call(C.copyDiagnostics),
    fixProtocolHandler: () => call(C.fixProtocolHandler),
    revealLogFile: () => call(C.revealLogFile),
    reportRendererError: (report) => call(C.reportRendererError, report),
    getUpdate: () => call(C.getUpdate),
    downloadUpdate: () => call(C.downloadUpdate),
    restartToUpdate: () => call(C.restartToUpdate),
    dismissUpdateNotice: () => call(C.dismissUpdateNotice),
    onViewChanged: (listener) =>
      subscribe(PUSH_CHANNELS.viewChanged, (payload) => listener(payload as AuthView)),
    onUpdateChanged: (listener) => subscribe(PUSH_CHANNELS.updateChanged, (payload) => listener(payload as UpdateView)),
    onShowDiagnostics: (listener) => subscribe(PUSH_CHANNELS.showDiagnostics, () => listener()),
  };
}
