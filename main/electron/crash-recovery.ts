// The window's crash recovery: Electron's events in, the crash policy's answers out. A page
// whose renderer died is reloaded until the policy gives up, then a native dialog asks what
// to do (the renderer that keeps crashing cannot). A page hung past the policy's wait gets a
// reload offer. A failed load of the app's own page shows the built-in error page. GPU and
// other child-process deaths are logged.
// Rule: Electron types only; every decision lives in main/recovery.
import { dirname } from 'node:path';
import type {
  App,
  BrowserWindow,
  Details,
  Dialog,
  Event as ElectronEvent,
  MessageBoxOptions,
  RenderProcessGoneDetails,
  Shell,
  WebContents,
  WebContentsWillNavigateEventParams,
} from 'electron';
import type { Clock, Logger } from '../../common/ports';
import { createCrashPolicy, type CrashPolicy } from '../recovery/crash-policy';
import { isOwnPageFailure, loadErrorPageUrl } from '../recovery/load-error-page';
import type { Expect } from './type-checks';

/** The page's WebContents, as far as recovery touches it. */
export interface RecoveryContents {
  on(event: 'render-process-gone', listener: (event: ElectronEvent, details: RenderProcessGoneDetails) => void): unknown;
  on(
    event: 'did-fail-load',
    listener: (event: ElectronEvent, errorCode: number, errorDescription: string, validatedURL: string, isMainFrame: boolean) => void,
  ): unknown;
  on(event: 'will-navigate', listener: (event: ElectronEvent<WebContentsWillNavigateEventParams>) => void): unknown;
  reload(): void;
  loadURL(url: string): Promise<void>;
  forcefullyCrashRenderer(): void;
  isDestroyed(): boolean;
}
export type _WebContentsFitsRecoveryContents = Expect<WebContents extends RecoveryContents ? true : false>;

export interface RecoveryWindow {
  readonly webContents: RecoveryContents;
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
}
export type _BrowserWindowFitsRecoveryWindow = Expect<BrowserWindow extends RecoveryWindow ? true : false>;

export interface RecoveryApp {
  on(event: 'browser-window-created', listener: (event: ElectronEvent, window: BrowserWindow) => void): unknown;
  on(event: 'child-process-gone', listener: (event: ElectronEvent, details: Details) => void): unknown;
  quit(): void;
}
export type _AppFitsRecoveryApp = Expect<App extends RecoveryApp ? true : false>;

export interface CrashRecoveryDeps {
  app: RecoveryApp;
  /** The app's own page, loaded again by the error page's "Try again". */
  pageUrl: string;
  /** Origins of the app's own page (app://renderer, and the dev server when there is one). */
  pageOrigins: readonly string[];
  /** Shows a native message box over the app's window and answers the button's index. */
  ask: (options: MessageBoxOptions) => Promise<number>;
  copyDiagnostics: () => Promise<unknown>;
  openLogFolder: () => Promise<unknown>;
  logFilePath: string;
  logger: Logger;
  clock?: Clock;
}

const GIVE_UP_BUTTONS = ['Reload', 'Copy diagnostics', 'Open log folder', 'Quit'] as const;
const HANG_BUTTONS = ['Reload', 'Keep waiting'] as const;

export interface CrashRecoveryOptions {
  app: RecoveryApp;
  dialog: Pick<Dialog, 'showMessageBox'>;
  shell: Pick<Shell, 'openPath'>;
  /** The app's window, which the dialogs belong to. */
  currentWindow: () => BrowserWindow | null;
  pageUrl: string;
  pageOrigins: readonly string[];
  /** The diagnostics report onto the clipboard (the same as the page's Copy diagnostics). */
  copyDiagnostics: () => Promise<unknown>;
  logFilePath: string;
  logger: Logger;
}

/** The installer main/index.ts calls once after `ready`, before the window opens. */
export function installCrashRecovery(options: CrashRecoveryOptions): void {
  const { dialog, shell, currentWindow } = options;
  startCrashRecovery({
    ...options,
    ask: async (box) => {
      const window = currentWindow();
      return (window ? await dialog.showMessageBox(window, box) : await dialog.showMessageBox(box)).response;
    },
    openLogFolder: async () => {
      // openPath answers an error message, or '' when the folder opened.
      const failure = await shell.openPath(dirname(options.logFilePath));
      if (failure) throw new Error(failure);
    },
  });
}

/** Watches every window the app creates (there is one) and the app's child processes. */
export function startCrashRecovery(deps: CrashRecoveryDeps): void {
  const { app, logger } = deps;
  const policy = createCrashPolicy(deps.clock ?? { now: Date.now });
  app.on('browser-window-created', (_event, window) => watchWindow(window, policy, deps));
  app.on('child-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    const fields = { type: details.type, reason: details.reason, exitCode: details.exitCode, name: details.name ?? null };
    // The GPU process restarts by itself; the log is how support learns it happened.
    if (details.type === 'GPU') logger.error('window: the GPU process crashed', fields);
    else logger.warn('window: a child process ended abnormally', fields);
  });
}

/** Wires one window; exported for the tests, which hand it a stand-in window. */
export function watchWindow(window: RecoveryWindow, policy: CrashPolicy, deps: CrashRecoveryDeps): void {
  const { logger, ask } = deps;
  const contents = window.webContents;
  let hung = false;
  let showingErrorPage = false;
  const reload = () => {
    if (!contents.isDestroyed()) contents.reload();
  };

  const giveUp = async (crashes: number, reason: string): Promise<void> => {
    for (;;) {
      const choice = await ask({
        type: 'error',
        title: 'PromptGrimoire',
        message: 'PromptGrimoire’s window keeps crashing',
        detail: `It stopped ${crashes} times within a minute (last reason: ${reason}), so it was not reloaded again. The log file is ${deps.logFilePath}.`,
        buttons: [...GIVE_UP_BUTTONS],
        defaultId: 0,
        cancelId: GIVE_UP_BUTTONS.indexOf('Quit'),
        noLink: true,
      });
      const button = GIVE_UP_BUTTONS[choice] ?? 'Quit';
      if (button === 'Reload') {
        policy.startOver();
        reload();
        return;
      }
      if (button === 'Quit') {
        deps.app.quit();
        return;
      }
      // Copying or opening the folder leaves the question open: ask again.
      const act = button === 'Copy diagnostics' ? deps.copyDiagnostics : deps.openLogFolder;
      await act().catch((error: unknown) => logger.warn('window: a crash dialog action failed', { button, error }));
    }
  };

  contents.on('render-process-gone', (_event, details) => {
    hung = false;
    const decision = policy.rendererGone(details.reason);
    if (decision.action === 'ignore') return;
    logger.error('window: the page’s renderer process is gone', { reason: details.reason, exitCode: details.exitCode, ...decision });
    if (decision.action === 'reload') reload();
    else void giveUp(decision.crashesInWindow, details.reason);
  });

  window.on('unresponsive', () => {
    hung = true;
    logger.warn('window: the page stopped responding');
    policy.unresponsive(() => {
      void ask({
        type: 'warning',
        title: 'PromptGrimoire',
        message: 'PromptGrimoire is not responding',
        detail: 'The window has not answered for a while. Reload it, or keep waiting.',
        buttons: [...HANG_BUTTONS],
        defaultId: 0,
        cancelId: HANG_BUTTONS.indexOf('Keep waiting'),
        noLink: true,
      }).then((choice) => {
        if (HANG_BUTTONS[choice] !== 'Reload' || contents.isDestroyed()) return;
        logger.warn('window: reloading the page at the person’s request', { stillHung: hung });
        // A page still hung cannot reload itself: end its renderer, and the crash path reloads.
        if (hung) contents.forcefullyCrashRenderer();
        else reload();
      });
    });
  });
  window.on('responsive', () => {
    hung = false;
    policy.responsive();
  });

  contents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (!isOwnPageFailure(code, url, isMainFrame, deps.pageOrigins)) return;
    logger.error('window: the app’s page failed to load', { code, description });
    showingErrorPage = true;
    contents.loadURL(loadErrorPageUrl({ code, description }, deps.pageUrl)).catch((error: unknown) => {
      logger.error('window: the error page failed to load too', { error });
    });
  });
  // The error page's "Try again" is a link to the app's page; the window's guard refuses
  // every navigation, so the load is started here instead.
  contents.on('will-navigate', (event) => {
    if (!showingErrorPage || event.url !== deps.pageUrl) return;
    showingErrorPage = false;
    contents.loadURL(deps.pageUrl).catch((error: unknown) => logger.error('window: the page failed to load', { error }));
  });
}
