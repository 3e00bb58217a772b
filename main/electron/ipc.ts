// The one place ipcMain handlers are registered. Before a payload reaches its endpoint
// (main/ipc/endpoints.ts, which parses it and catches what the handler throws), the sender
// must be the main frame of our window, showing our origin. Every answer is a result.
// Rule: Electron types only; main/electron/app-startup.ts passes the real ipcMain in.
import type { IpcMain, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { CALL_FAILURE_CODES, PUSH_CONTRACT, type InvokeChannel, type IpcResult } from '../../preload/api';
import type { AppCore } from '../app-core';
import type { IpcEndpoints } from '../ipc/endpoints';
import type { Logger } from '../../common/ports';
import type { Expect } from './type-checks';

/** Any channel's answer: what an ipcMain listener may resolve with. */
export type InvokeResult = IpcResult<unknown>;
/** A refusal, which fits every channel's result type. */
export type IpcFailure = Extract<IpcResult<never>, { ok: false }>;

/** The frame that sent a message; `parent` is null only for a main frame. */
export interface SenderFrame extends Pick<WebFrameMain, 'origin' | 'processId' | 'routingId'> {
  readonly parent: object | null;
}

/** What the sender check reads from an invoke event. */
export interface InvokeEventLike {
  readonly sender: Pick<WebContents, 'id'>;
  /** Null when the frame has navigated away or been destroyed since it sent the message. */
  readonly senderFrame: SenderFrame | null;
}
export type _InvokeEventFits = Expect<IpcMainInvokeEvent extends InvokeEventLike ? true : false>;

export type IpcListener = (event: InvokeEventLike, payload: unknown) => Promise<InvokeResult>;

export interface IpcMainLike {
  handle(channel: string, listener: IpcListener): void;
  removeHandler(channel: string): void;
}
export type _IpcMainFits = Expect<IpcMain extends IpcMainLike ? true : false>;

export const FORBIDDEN_SENDER = {
  ok: false,
  code: CALL_FAILURE_CODES.forbiddenSender,
  message: 'This request did not come from the PromptGrimoire window and was refused.',
} as const satisfies IpcFailure;

/** What the check needs of our window: its WebContents id and its main frame. */
export interface TrustedWindow {
  readonly webContents: Pick<WebContents, 'id'> & { readonly mainFrame: Pick<WebFrameMain, 'processId' | 'routingId'> };
}

export interface SenderCheckOptions {
  /** The window whose page may call us, or null while there is none. */
  window: () => TrustedWindow | null;
  /** app://renderer, plus the Vite dev server's origin in development only. */
  allowedOrigins: readonly string[];
}

/** Accepts only the main frame of our own window, and only while it shows an allowed origin. */
export function createSenderCheck({ window, allowedOrigins }: SenderCheckOptions): (event: InvokeEventLike) => boolean {
  return (event) => {
    const win = window();
    const frame = event.senderFrame;
    if (win === null || frame === null) return false;
    if (event.sender.id !== win.webContents.id) return false;
    if (frame.parent !== null) return false;
    const main = win.webContents.mainFrame;
    if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
    return allowedOrigins.includes(frame.origin);
  };
}

/**
 * Registers one handler per invoke channel and returns the disposer that removes them.
 * The sender check comes first, so a foreign frame never reaches payload parsing.
 */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  endpoints: IpcEndpoints,
  isTrustedSender: (event: InvokeEventLike) => boolean,
  logger: Logger,
): () => void {
  const channels = Object.keys(endpoints) as InvokeChannel[];
  for (const channel of channels) {
    const endpoint = endpoints[channel];
    ipcMain.handle(channel, async (event, payload) => {
      if (!isTrustedSender(event)) {
        logger.warn('ipc: refused a request from an untrusted sender', {
          code: FORBIDDEN_SENDER.code,
          channel,
          origin: event.senderFrame?.origin ?? null,
          mainFrame: event.senderFrame ? event.senderFrame.parent === null : null,
        });
        return FORBIDDEN_SENDER;
      }
      return endpoint(payload);
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/**
 * Invoke handlers our dependencies register for renderer halves this app never loads:
 * electron-log 5.4.4 on importing `electron-log/main` (src/main/index.js). Its `on` listener
 * of the same name, and electron-store 12.0.0's `electron-store-get-data` (registered by its
 * constructor), are plain listeners, removed with every other one below.
 */
export const THIRD_PARTY_INVOKE_CHANNELS = ['__ELECTRON_LOG__'] as const;

/** What removing foreign listeners needs from ipcMain. */
export interface ForeignIpcMain {
  eventNames(): Array<string | symbol>;
  removeAllListeners(channel?: string): unknown;
  removeHandler(channel: string): void;
}
export type _IpcMainFitsForeign = Expect<IpcMain extends ForeignIpcMain ? true : false>;

/**
 * Leaves ipcMain with our checked handlers only: this app registers no `ipcMain.on`
 * listener at all, so every one present came from a dependency and skips the sender
 * check (any frame could write to the log or read the user-data path). Call it after the
 * store is opened and before registerIpcHandlers. Returns the channels it removed.
 */
export function removeForeignIpc(ipcMain: ForeignIpcMain, logger: Logger): string[] {
  const listened = ipcMain.eventNames().filter((name): name is string => typeof name === 'string');
  for (const channel of listened) ipcMain.removeAllListeners(channel);
  for (const channel of THIRD_PARTY_INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  const removed = [...new Set([...listened, ...THIRD_PARTY_INVOKE_CHANNELS])];
  logger.info('ipc: removed listeners registered by dependencies', { channels: removed });
  return removed;
}

/** What pushing a view needs from the window's WebContents. */
export type PushTarget = Pick<WebContents, 'send' | 'isDestroyed'>;

/**
 * Pushes every view change to the page. A push with no window, or before the page listens,
 * is simply dropped: the page asks for the current view when it starts.
 */
export function pushViewChanges(core: Pick<AppCore, 'onView'>, target: () => PushTarget | null): () => void {
  return core.onView((view) => {
    const contents = target();
    if (contents !== null && !contents.isDestroyed()) contents.send(PUSH_CONTRACT.onViewChanged.channel, view);
  });
}
