// The entry of the main process: what must happen before `ready`, then the window, then
// everything else (main/electron/app-startup.ts, loaded once the window exists). Nothing
// here decides anything about sign-in.
// Rule: with main/electron and preload/index.ts, the only code that imports 'electron'.
// Order matters: scheme privileges and the open-url listener go on synchronously, before
// `ready`, or macOS links that launched the app would be lost. What this file imports
// statically is all that loads before the window, so it stays small: the configuration,
// the store, the core and the file logger load after it (cold-start bench).
import { readFileSync } from 'node:fs';
import nodeModule from 'node:module';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, protocol, shell } from 'electron';
import { compileCachePlan, COMPILE_CACHE_ENV, preparePrivateFolder, type CompileCachePlan } from './compile-cache';
import { createBufferedLogger } from './log/buffered-logger';
import { allowsEnvironmentOverrides, readPackagedConfigText } from './packaged-config-text';
import { launchRefusal, trustedEnvironment, userDataOverride } from './packaged-launch';
import { applyApplicationMenu } from './electron/app-menu';
import { installTextFieldContextMenu } from './electron/context-menu';
import { claimSingleInstance, deliverColdStartLink, listenForDeepLinks } from './electron/deep-link-delivery';
import { DeepLinkInbox } from './electron/deep-link-inbox';
import type { LateServices } from './electron/app-startup';
import { reportInputActivity } from './electron/input-activity';
import { PRIVILEGED_SCHEMES, RENDERER_ENTRY_URL, RENDERER_ORIGIN } from './electron/renderer-protocol';
import { createWindowKeeper, guardWebContents, mainWindowOptions, leaveThroughAllowlist } from './electron/window';
import { DOCUMENTATION_URL, type MenuActions } from './menus/application-menu';
import type { UpdateMode } from './updates/update-mode';
import { installCrashRecovery } from './electron/crash-recovery';
import { logFilePath } from './electron/log-sink';
import { installMainErrorHandlers } from './electron/main-error-handlers';
import { choosePasswordStore, type PasswordStoreChoice } from './keyring/password-store';
import { listSessionBusNames } from './keyring/session-bus';

// --- Synchronously, before `ready` -------------------------------------------------------
// A debugger or V8 flags attached to an installed app would reach its tokens: it exits below.
const refusal = launchRefusal(process.argv, app.isPackaged, process.platform);
// The organisation's settings (inside app.asar) are read now because they decide whether the
// environment may move the user-data folder; they are validated, and a broken file
// reported, after the window exists.
const packagedText = readPackagedConfigText({
  packaged: app.isPackaged,
  appPath: app.getAppPath(),
  readFile: (path) => readFileSync(path, 'utf8'),
});
const trusted = trustedEnvironment(process.env, { packaged: app.isPackaged, allowOverrides: allowsEnvironmentOverrides(packagedText) });
const chosenUserData = userDataOverride(trusted);
if (chosenUserData) app.setPath('userData', chosenUserData);

// Lines wait here until the file logger loads, just after the window exists.
const logger = createBufferedLogger();
let fileLogger: Promise<void> | undefined;
const openFileLogger = (): Promise<void> =>
  (fileLogger ??= import('./electron/app-logger').then(({ openAppLogger }) => logger.attach(openAppLogger(app.getPath('userData'), app.isPackaged))));
// Uncaught errors from here on are logged with a stable code; a fatal one gets a dialog
// naming the log file (after `ready`, so it shows on every OS).
installMainErrorHandlers({ process, app, dialog, logFilePath: logFilePath(app.getPath('userData')), logger });

const cachePlan = planCompileCache();
const relaunching = cachePlan.kind === 'relaunch';
protocol.registerSchemesAsPrivileged(PRIVILEGED_SCHEMES);

if (refusal !== null) {
  void openFileLogger()
    .then(() => logger.error('refused to start', { reason: refusal }))
    .finally(() => app.exit(1));
}
// Names only: a value could be a URL the person should not have to see in a log.
if (trusted.ignored.length > 0) logger.warn('an installed app ignores these environment variables', { names: trusted.ignored });

const inbox = new DeepLinkInbox();
// The page source is fixed at start-up. The dev server URL is honoured only unpackaged:
// an installed app must never load a page named by an environment variable.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const pageOrigins = devServerUrl === undefined ? [RENDERER_ORIGIN] : [RENDERER_ORIGIN, new URL(devServerUrl).origin];
// The page loads once its IPC answers and the stored session is restored; until then the
// window exists (Chromium starts its page process meanwhile) but stays hidden.
let pageReady = false;
// Filled in by the start-up chunk: input in the window resets the idle timeout, the crash
// dialog's "Copy diagnostics" needs the diagnostics service, a window opened later needs the
// store to open where the last one was, and the menu's Help → Diagnostics and Check for
// Updates… reach the page and the update policy.
const late: LateServices = {
  noteActivity: () => undefined,
  copyDiagnostics: () => Promise.resolve(),
  placeWindow: () => undefined,
  showDiagnostics: () => undefined,
  checkForUpdates: () => undefined,
};
const menuActions: MenuActions = {
  showDiagnostics: () => late.showDiagnostics(),
  checkForUpdates: () => late.checkForUpdates(),
  openDocumentation: () => leaveThroughAllowlist(DOCUMENTATION_URL, { openExternal: (url) => shell.openExternal(url), logger }),
};
const applyMenu = (updateMode: UpdateMode): void =>
  applyApplicationMenu(Menu, { platform: process.platform, packaged: app.isPackaged, updateMode, appName: app.getName() }, menuActions);

const loadPage = (win: BrowserWindow): void => {
  win.loadURL(devServerUrl ?? RENDERER_ENTRY_URL).catch((error: unknown) => {
    logger.error('window: the page failed to load', { error: String(error) });
  });
};

const keeper = createWindowKeeper(() => {
  const win = new BrowserWindow(mainWindowOptions(join(import.meta.dirname, '../preload/index.cjs'), { devTools: !app.isPackaged }));
  guardWebContents(win.webContents, { openExternal: (url) => shell.openExternal(url), logger });
  reportInputActivity(win.webContents, () => late.noteActivity());
  // The first window is placed by the start-up chunk once the store is open; later ones here.
  late.placeWindow(win);
  installTextFieldContextMenu(win.webContents, Menu);
  win.once('ready-to-show', () => {
    win.show();
    win.focus();
  });
  if (pageReady) loadPage(win);
  return win;
});

listenForDeepLinks(app, { inbox, reveal: keeper.reveal });

let keyring: PasswordStoreChoice | null = null;
if (refusal === null && !relaunching && claimSingleInstance(app)) {
  // Chromium reads the switch at `ready`; only the first instance pays for asking the bus.
  keyring = choosePasswordStoreNow();
  // Whatever launched this first process, including a cold-start link, waits in the inbox.
  deliverColdStartLink(inbox, process.argv);
  app
    .whenReady()
    .then(startWindowFirst)
    .catch((error: unknown) => fail(error));
}

// --- After `ready` -----------------------------------------------------------------------
async function startWindowFirst(): Promise<void> {
  // Electron's default menu reloads the page and opens the developer tools; ours does only in
  // development. "Check for Updates…" joins it once the settings are read (app-startup.ts).
  applyMenu('off');
  // Before the window exists: recovery watches every window the app creates.
  installCrashRecovery({
    app,
    dialog,
    shell,
    currentWindow: keeper.current,
    pageUrl: devServerUrl ?? RENDERER_ENTRY_URL,
    pageOrigins,
    copyDiagnostics: () => late.copyDiagnostics(),
    logFilePath: logFilePath(app.getPath('userData')),
    logger,
  });
  keeper.markReady();
  keeper.open();
  // After the window (creating the folder costs a few ms), before the start-up chunk loads.
  if (cachePlan.kind === 'enable') enableCompileCache(cachePlan.dir);
  const [{ startApp }] = await Promise.all([import('./electron/app-startup'), openFileLogger()]);
  await startApp({
    logger,
    keeper,
    inbox,
    packagedText,
    trusted,
    keyring,
    pageOrigins,
    applyMenu,
    rendererDir: join(import.meta.dirname, '../renderer'),
    pageReady: () => {
      pageReady = true;
      const win = keeper.current();
      if (win !== null) loadPage(win);
    },
    provide: (services) => Object.assign(late, services),
  });
}

/**
 * V8's compile cache for the code loaded after the window (the start-up chunk, the Stytch
 * client), in a private folder of the app's own; see main/compile-cache.ts. A packaged app
 * that finds itself running from a cache the environment named starts again without it.
 */
function planCompileCache(): CompileCachePlan {
  const plan = compileCachePlan({
    packaged: app.isPackaged,
    env: process.env,
    userDataDir: app.getPath('userData'),
    supported: typeof nodeModule.enableCompileCache === 'function',
    activeDir: typeof nodeModule.getCompileCacheDir === 'function' ? nodeModule.getCompileCacheDir() : undefined,
  });
  if (app.isPackaged) delete process.env[COMPILE_CACHE_ENV];
  if (plan.kind === 'relaunch') {
    logger.warn('starting again without the compile cache the environment named', { reason: plan.reason });
    app.relaunch();
    app.exit(0);
  }
  return plan;
}

/**
 * On Linux desktops Chromium does not recognise (i3, Sway, Hyprland…) it keeps the session
 * key under a hard-coded key even with a keyring running: main/keyring names the keyring on
 * the session bus, and Chromium is told to use it.
 */
function choosePasswordStoreNow(): PasswordStoreChoice | null {
  if (process.platform !== 'linux') return null;
  const given = app.commandLine.hasSwitch('password-store') ? app.commandLine.getSwitchValue('password-store') : null;
  const choice = choosePasswordStore({ env: process.env, givenSwitch: given, busNames: () => listSessionBusNames(process.env) });
  if (choice.passwordStore !== null) app.commandLine.appendSwitch('password-store', choice.passwordStore);
  return choice;
}

function enableCompileCache(dir: string): void {
  try {
    preparePrivateFolder(dir);
    nodeModule.enableCompileCache(dir);
  } catch (error) {
    // Only speed is lost.
    logger.warn('compile cache unavailable', { error: String(error) });
  }
}

function fail(error: unknown): void {
  void openFileLogger()
    .catch(() => undefined)
    .then(() => logger.error('start-up failed', { error: String(error) }))
    .finally(() => {
      dialog.showErrorBox('PromptGrimoire cannot start', `${String(error)}\n\nDetails are in the log file: ${logFilePath(app.getPath('userData'))}`);
      app.exit(1);
    });
}
