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
  startOver: 'auth:start-over',
  dismissNotice: 'auth:dismiss-notice',
  signOut: 'auth:sign-out',
} as const;

/** Main → renderer pushes (webContents.send / ipcRenderer.on). */
export const PUSH_CHANNELS = {
  viewChanged: 'auth:view-changed',
} as const;

export type InvokeChannel = (typeof INVOKE_CHANNELS)[keyof typeof INVOKE_CHANNELS];
export type PushChannel = (typeof PUSH_CHANNELS)[keyof typeof PUSH_CHANNELS];

export const EMAIL_MAX_LENGTH = 254;
export const PASTED_LINK_MAX_LENGTH = 4096;

/** Payload schemas, one per invoke channel. Main parses every payload with these. */
export const REQUEST_SCHEMAS = {
  [INVOKE_CHANNELS.getView]: z.undefined(),
  [INVOKE_CHANNELS.sendLink]: z.object({ email: z.string().max(EMAIL_MAX_LENGTH) }).strict(),
  [INVOKE_CHANNELS.resend]: z.undefined(),
  [INVOKE_CHANNELS.submitLink]: z.object({ link: z.string().max(PASTED_LINK_MAX_LENGTH) }).strict(),
  [INVOKE_CHANNELS.startOver]: z.undefined(),
  [INVOKE_CHANNELS.dismissNotice]: z.undefined(),
  [INVOKE_CHANNELS.signOut]: z.undefined(),
} as const satisfies Record<InvokeChannel, z.ZodType>;

export type RequestOf<C extends InvokeChannel> = z.infer<(typeof REQUEST_SCHEMAS)[C]>;

export const AUTH_STATUSES = [
  'restoring',
  'signed-out',
  'sending',
  'link-sent',
  'authenticating',
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
  /** 'memory-only' when the OS offers no real encryption: the session is not written to disk. */
  persistence: z.enum(['encrypted', 'memory-only']),
  notice: noticeSchema.nullable(),
});
export type AuthView = z.infer<typeof authViewSchema>;

/** Handlers never throw across IPC; they answer with a result that has a stable code. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

export interface GrimoireApi {
  getView(): Promise<IpcResult<AuthView>>;
  sendLink(email: string): Promise<IpcResult<AuthView>>;
  resend(): Promise<IpcResult<AuthView>>;
  submitLink(link: string): Promise<IpcResult<AuthView>>;
  startOver(): Promise<IpcResult<AuthView>>;
  dismissNotice(): Promise<IpcResult<AuthView>>;
  signOut(): Promise<IpcResult<AuthView>>;
  /** Subscribes to view pushes; returns the unsubscribe function. */
  onViewChanged(listener: (view: AuthView) => void): () => void;
}

export type Invoke = (channel: InvokeChannel, payload?: unknown) => Promise<unknown>;
export type Subscribe = (channel: PushChannel, listener: (payload: unknown) => void) => () => void;

/**
 * Builds the page-side API over any transport: ipcRenderer in the preload, Playwright
 * bindings in the test harness. Both get the same object, so they cannot drift.
 */
export function createBridge(invoke: Invoke, subscribe: Subscribe): GrimoireApi {
  const call = (channel: InvokeChannel, payload?: unknown) =>
    invoke(channel, payload) as Promise<IpcResult<AuthView>>;
  return {
    getView: () => call(INVOKE_CHANNELS.getView),
    sendLink: (email) => call(INVOKE_CHANNELS.sendLink, { email }),
    resend: () => call(INVOKE_CHANNELS.resend),
    submitLink: (link) => call(INVOKE_CHANNELS.submitLink, { link }),
    startOver: () => call(INVOKE_CHANNELS.startOver),
    dismissNotice: () => call(INVOKE_CHANNELS.dismissNotice),
    signOut: () => call(INVOKE_CHANNELS.signOut),
    onViewChanged: (listener) =>
      subscribe(PUSH_CHANNELS.viewChanged, (payload) => listener(payload as AuthView)),
  };
}
