// Small stand-ins for the Electron objects the adapters touch, typed by the adapters' own
// interfaces (which are derived from, and checked against, Electron's types). No module
// here or in the tests imports a value from 'electron': that would try to download it.
import { EventEmitter } from 'node:events';
import type { AuthView } from '../../../preload/api';
import { createLogger } from '../../../common/log/logger';
import type { Logger, Store } from '../../../common/ports';
import type { CommandResult, CommandRunner } from '../../../main/diagnostics/desktop-entry';
import type { ProbeApp } from '../../../main/electron/diagnostics-probes';
import type { DeepLinkApp } from '../../../main/electron/deep-link-delivery';
import type { GuardedContents, PermissionSession, RevealableWindow } from '../../../main/electron/window';
import type { ForeignIpcMain, IpcListener, IpcMainLike } from '../../../main/electron/ipc';
import type { RecoveryApp, RecoveryContents, RecoveryWindow } from '../../../main/electron/crash-recovery';
import type { SafeStorageLike } from '../../../main/electron/safe-storage-cipher';
import type { ClipboardItemMaker, ClipboardLike } from '../../../main/electron/clipboard';
import { signedOutView } from '../../fixtures/auth-views';

/** A valid-looking Stytch token (44 base64url characters). */
export const TOKEN = 'DOYoip3rvIMMW5lgItikFK-Ak1CfMsgjuiCyI7uuU94=';
export const CALLBACK = `promptgrimoire://auth/callback?stytch_token_type=magic_links&token=${TOKEN}`;

export interface FakeEvent {
  preventDefault(): void;
  defaultPrevented: boolean;
}

/** What Electron passes as the event argument (plus any event params); preventDefault is recorded. */
export function fakeEvent<P extends object>(params: P = {} as P): FakeEvent & P {
  const event: FakeEvent = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return Object.assign(event, params);
}

export class FakeApp extends EventEmitter implements DeepLinkApp {
  isPackaged = false;
  lockGranted = true;
  quitCalls = 0;
  readonly protocolClients: Array<{ protocol: string; path?: string; args?: string[] }> = [];

  requestSingleInstanceLock(): boolean {
    return this.lockGranted;
  }
  quit(): void {
    this.quitCalls += 1;
  }
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean {
    this.protocolClients.push({ protocol, path, args });
    return true;
  }
}

export class FakeWindow implements RevealableWindow {
  minimized = false;
  visible = false;
  focused = false;
  destroyed = false;
  readonly calls: string[] = [];

  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.calls.push('restore');
    this.minimized = false;
  }
  show(): void {
    this.calls.push('show');
    this.visible = true;
  }
  focus(): void {
    this.calls.push('focus');
    this.focused = true;
  }
}

export class FakeContents extends EventEmitter implements GuardedContents {
  windowOpenHandler: Parameters<GuardedContents['setWindowOpenHandler']>[0] | null = null;
  setWindowOpenHandler(handler: Parameters<GuardedContents['setWindowOpenHandler']>[0]): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeSession implements PermissionSession {
  request: Parameters<PermissionSession['setPermissionRequestHandler']>[0] | null = null;
  check: Parameters<PermissionSession['setPermissionCheckHandler']>[0] | null = null;
  setPermissionRequestHandler(handler: Parameters<PermissionSession['setPermissionRequestHandler']>[0]): void {
    this.request = handler;
  }
  setPermissionCheckHandler(handler: Parameters<PermissionSession['setPermissionCheckHandler']>[0]): void {
    this.check = handler;
  }
}

/** ipcMain: an EventEmitter for `on` listeners, and one invoke handler per channel (a second one throws, as in Electron). */
export class FakeIpcMain extends EventEmitter implements IpcMainLike, ForeignIpcMain {
  readonly handlers = new Map<string, IpcListener>();
  handle(channel: string, listener: IpcListener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

export class FakeSafeStorage implements SafeStorageLike {
  constructor(
    private readonly available: boolean,
    private readonly backend: ReturnType<SafeStorageLike['getSelectedStorageBackend']>,
  ) {}
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  getSelectedStorageBackend(): ReturnType<SafeStorageLike['getSelectedStorageBackend']> {
    return this.backend;
  }
  // A reversible stand-in for the OS keyring: enough to prove the base64 round trip.
  encryptString(plainText: string): Buffer {
    return Buffer.from(`sealed:${plainText}`, 'utf8');
  }
  decryptString(encrypted: Buffer): string {
    const text = encrypted.toString('utf8');
    if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return text.slice('sealed:'.length);
  }
}

/** The real redacting logger over an array, so tests also see what reaches the log file. */
export function recordingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger((level, line) => lines.push(`${level} ${line}`), { minLevel: 'debug' }), lines };
}

export const SIGNED_OUT_VIEW: AuthView = signedOutView();

/** The part of `app` the diagnostics probes read; answers are settable, registrations recorded. */
export class FakeProbeApp implements ProbeApp {
  isPackaged = true;
  defaultClient = false;
  handlerName = '';
  registerResult = true;
  readonly registrations: Array<{ protocol: string; path?: string; args?: string[] }> = [];
  readonly asked: string[] = [];

  getVersion(): string {
    return '0.1.0';
  }
  isDefaultProtocolClient(protocol: string): boolean {
    this.asked.push(`isDefault:${protocol}`);
    return this.defaultClient;
  }
  getApplicationNameForProtocol(url: string): string {
    this.asked.push(`name:${url}`);
    return this.handlerName;
  }
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean {
    this.registrations.push({ protocol, path, args });
    if (this.registerResult) this.defaultClient = true;
    return this.registerResult;
  }
}

/** A command runner that answers from a script and records each call; no xdg tool needed. */
export function scriptedRunner(answer: (command: string, args: readonly string[]) => CommandResult | Error) {
  const calls: string[] = [];
  const run: CommandRunner = (command, args) => {
    calls.push([command, ...args].join(' '));
    const result = answer(command, args);
    return result instanceof Error ? Promise.reject(result) : Promise.resolve(result);
  };
  return { run, calls };
}
export const exited = (exitCode: number, stdout = '', stderr = ''): CommandResult => ({ exitCode, stdout, stderr });
export const notInstalled = (): Error => Object.assign(new Error('spawn ENOENT'), { code: 'ENOENT' });

/** A Store over a Map, for settings the adapters keep. */
export function mapStore(): Store & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  return {
    values,
    get: (key) => values.get(key),
    set: (key, value) => void values.set(key, value),
    delete: (key) => void values.delete(key),
    keys: () => [...values.keys()],
  };
}

/** An entry written to the stand-in clipboard: its MIME types and their payloads as given. */
export type StandInClipboardItem = ReturnType<ClipboardItemMaker> & { readonly items: Record<string, string | Blob> };

/** `(items) => new ClipboardItem(items)` without Electron: keeps the payloads for the test to read. */
export const makeStandInItem = (items: Record<string, string | Blob>): StandInClipboardItem => ({
  items,
  types: Object.keys(items),
  getType: (type: string) => {
    const value = items[type];
    return value === undefined ? Promise.reject(new Error(`no ${type}`)) : Promise.resolve(typeof value === 'string' ? new Blob([value]) : value);
  },
} as StandInClipboardItem);

/** Electron's clipboard as the adapter sees it: one text, the last atomic write, a clear. */
export function standInClipboard(options: { refuseWrites?: boolean } = {}) {
  const state = { text: '', written: [] as StandInClipboardItem[][], cleared: 0 };
  const refused = (): Promise<void> => Promise.reject(new Error('clipboard owned by another process'));
  const clipboard: ClipboardLike = {
    writeText: (text) => (options.refuseWrites ? refused() : Promise.resolve(void (state.text = text))),
    write: (data) => {
      if (options.refuseWrites) return refused();
      const items = data as StandInClipboardItem[];
      state.written.push(items);
      const plain = items[0]?.items['text/plain'];
      state.text = typeof plain === 'string' ? plain : '';
      return Promise.resolve();
    },
    readText: () => Promise.resolve(state.text),
    clear: () => {
      state.text = '';
      state.cleared += 1;
    },
  };
  return { clipboard, state };
}

/** A page's WebContents for crash recovery: events are emitted by the test, calls recorded. */
export class FakeRecoveryContents extends EventEmitter implements RecoveryContents {
  destroyed = false;
  readonly calls: string[] = [];
  reload(): void {
    this.calls.push('reload');
  }
  loadURL(url: string): Promise<void> {
    this.calls.push(`loadURL ${url.startsWith('data:') ? 'data:…' : url}`);
    this.loaded.push(url);
    return Promise.resolve();
  }
  readonly loaded: string[] = [];
  forcefullyCrashRenderer(): void {
    this.calls.push('forcefullyCrashRenderer');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeRecoveryWindow extends EventEmitter implements RecoveryWindow {
  readonly webContents = new FakeRecoveryContents();
}

/** The app's events for crash recovery (window creation, child processes) and its quit. */
export class FakeRecoveryApp extends EventEmitter implements RecoveryApp {
  quitCalls = 0;
  quit(): void {
    this.quitCalls += 1;
  }
}
