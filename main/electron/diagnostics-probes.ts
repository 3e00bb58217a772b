// The diagnostics probes in the app: who owns promptgrimoire:// (Electron's own answer on
// macOS and Windows, xdg-mime's on Linux), how to claim it (Electron's registration, or the
// AppImage's desktop entry), which keystore safeStorage uses, and where the log is.
// Rule: Electron types only; main/electron/app-startup.ts passes the real app, safeStorage and shell in.
// Probes answer with results; nothing here throws to the service.
import type { App, SafeStorage, Shell } from 'electron';
import { desktopEntryIsCurrent, installDesktopEntry, queryDefaultHandler, type CommandRunner } from '../diagnostics/desktop-entry';
import type { DiagnosticsProbes, ProbeOutcome, ProtocolHandlerState } from '../diagnostics/diagnostics-service';
import { APP_SCHEME, registerProtocolClient, type ProtocolClientOptions } from './deep-link-delivery';
import type { Expect } from './type-checks';

export type ProbeApp = Pick<
  App,
  'getVersion' | 'isPackaged' | 'isDefaultProtocolClient' | 'getApplicationNameForProtocol' | 'setAsDefaultProtocolClient'
>;
export type _AppFitsProbeApp = Expect<App extends ProbeApp ? true : false>;
export type StorageBackendSource = Pick<SafeStorage, 'getSelectedStorageBackend'>;
export type FolderRevealer = Pick<Shell, 'showItemInFolder'>;

export interface ElectronProbeOptions {
  app: ProbeApp;
  safeStorage: StorageBackendSource;
  shell: FolderRevealer;
  platform: NodeJS.Platform;
  osRelease: string;
  arch: string;
  electronVersion: string;
  /** APPIMAGE, XDG_DATA_HOME: what the desktop entry needs. */
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  runCommand: CommandRunner;
  /** What the app passes to setAsDefaultProtocolClient, development runs included. */
  protocolClient: ProtocolClientOptions;
  logFilePath: string | null;
  fileExists: (path: string) => Promise<boolean>;
}

/** $APPIMAGE, when this run is an AppImage (the runtime sets it to the file's absolute path). */
export function appImagePath(env: Readonly<Record<string, string | undefined>>): string | null {
  const path = env.APPIMAGE;
  return path !== undefined && path.startsWith('/') ? path : null;
}

/** The keystore safeStorage encrypts with; only Linux can say which one it picked. */
export function storageBackendName(platform: NodeJS.Platform, safeStorage: StorageBackendSource): string {
  if (platform === 'linux') return safeStorage.getSelectedStorageBackend();
  if (platform === 'darwin') return 'keychain';
  if (platform === 'win32') return 'dpapi';
  return 'unknown';
}

export function createElectronDiagnosticsProbes(options: ElectronProbeOptions): DiagnosticsProbes {
  const { app, platform } = options;
  const appImage = platform === 'linux' ? appImagePath(options.env) : null;
  // On Linux only an AppImage (its own desktop entry) or an installed package (the deb's
  // entry) has something for the scheme to point at; a development Electron has neither.
  const canFix = platform !== 'linux' || appImage !== null || app.isPackaged;

  const entry = (path: string) => ({ appImagePath: path, homeDir: options.homeDir, dataHome: options.env.XDG_DATA_HOME });

  async function protocolHandler(): Promise<ProtocolHandlerState> {
    if (platform !== 'linux') {
      const name = app.getApplicationNameForProtocol(`${APP_SCHEME}://`);
      return { isDefault: app.isDefaultProtocolClient(APP_SCHEME), currentHandler: name === '' ? null : name, canFix, detail: null };
    }
    const query = await queryDefaultHandler(options.runCommand);
    if (query.ok && query.isThisApp && appImage !== null && !(await desktopEntryIsCurrent(entry(appImage)))) {
      const detail = 'the promptgrimoire.desktop entry is missing or starts another copy of the AppImage';
      return { isDefault: false, currentHandler: query.handler, canFix, detail };
    }
    if (query.ok) return { isDefault: query.isThisApp, currentHandler: query.handler, canFix, detail: null };
    // Without xdg-mime, Electron's own check (xdg-settings) is the best remaining answer.
    return { isDefault: app.isDefaultProtocolClient(APP_SCHEME), currentHandler: null, canFix, detail: query.reason };
  }

  async function fixProtocolHandler(): Promise<ProbeOutcome> {
    if (appImage !== null) {
      const result = await installDesktopEntry({ ...entry(appImage), runCommand: options.runCommand });
      return result.ok ? { ok: true } : { ok: false, reason: result.reason };
    }
    if (!canFix) return { ok: false, reason: 'a development run has no desktop entry to register' };
    return registerProtocolClient(app, options.protocolClient)
      ? { ok: true }
      : { ok: false, reason: 'the operating system refused the registration' };
  }

  return {
    appVersion: app.getVersion(),
    runtimeVersion: options.electronVersion,
    packaged: app.isPackaged,
    platform,
    osRelease: options.osRelease,
    arch: options.arch,
    linuxPackage: platform !== 'linux' ? null : appImage !== null ? 'AppImage' : app.isPackaged ? 'deb' : null,
    protocolHandler,
    fixProtocolHandler,
    storageBackend: () => storageBackendName(platform, options.safeStorage),
    logFilePath: () => options.logFilePath,
    async revealLogFile() {
      const path = options.logFilePath;
      if (path === null) return { ok: false, reason: 'This run of PromptGrimoire writes no log file.' };
      if (!(await options.fileExists(path))) return { ok: false, reason: `The log file has not been written yet (${path}).` };
      options.shell.showItemInFolder(path);
      return { ok: true };
    },
  };
}
