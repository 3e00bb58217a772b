// The composition root of the main process: it wires Electron's objects into the adapters
// of main/electron and those into the core. Nothing here decides anything about sign-in.
// Rule: with main/electron and preload/index.ts, the only code that imports 'electron'.
// Order matters: scheme privileges and the open-url listener go on synchronously, before
// `ready`, or macOS links that launched the app would be lost.
import { access, readFile } from 'node:fs/promises';
import { homedir, release } from 'node:os';
import { join } from 'node:path';
import { app, BrowserWindow, clipboard, crashReporter, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import log from 'electron-log/main';
import ElectronStore from 'electron-store';
import { createAppCore, type AppCore } from './app-core';
import { loadConfig } from './config';
import { createCommandRunner } from './diagnostics/command-runner';
import { createDiagnosticsService } from './diagnostics/diagnostics-service';
import { createIpcHandlers } from './ipc/handlers';
import { createLogger } from './log/logger';
import type { Logger } from './ports';
import {
  claimSingleInstance,
  deliverColdStartLink,
  listenForDeepLinks,
  registerProtocolClient,
} from './electron/deep-link-delivery';
import { offerAppImageIntegration } from './electron/appimage-offer';
import { createClipboard } from './electron/clipboard';
import { installCrashRecovery } from './electron/crash-recovery';
import { installCrashReports } from './electron/crash-reports';
import { DeepLinkInbox } from './electron/deep-link-inbox';
import { createElectronDiagnosticsProbes } from './electron/diagnostics-probes';
import { createSenderCheck, pushViewChanges, registerIpcHandlers } from './electron/ipc';
import { createElectronLogSink, logFilePath } from './electron/log-sink';
import { installMainErrorHandlers } from './electron/main-error-handlers';
import { readPackagedConfigFile } from './electron/packaged-config-file';
import {
  createRendererProtocolHandler,
  PRIVILEGED_SCHEMES,
  RENDERER_ENTRY_URL,
  RENDERER_ORIGIN,
  RENDERER_SCHEME,
} from './electron/renderer-protocol';
import { createSafeStorageCipher } from './electron/safe-storage-cipher';
import { openSessionStore } from './electron/session-store';
import { createWindowKeeper, denyAllPermissions, guardWebContents, mainWindowOptions } from './electron/window';

/** An isolated profile (tests, several dev copies side by side); also moves the single-instance lock. */
const USER_DATA_ENV = 'PROMPTGRIMOIRE_USER_DATA_DIR';
/** Set by the e2e target so test runs do not re-register the OS's promptgrimoire:// handler. */
const SKIP_PROTOCOL_REGISTRATION_ENV = 'PROMPTGRIMOIRE_SKIP_PROTOCOL_REGISTRATION';
const DISPOSE_TIMEOUT_MS = 3000;

// --- Synchronously, before `ready` -------------------------------------------------------
const userDataOverride = process.env[USER_DATA_ENV];
if (userDataOverride) app.setPath('userData', userDataOverride);

protocol.registerSchemesAsPrivileged(PRIVILEGED_SCHEMES);

// The log file lives in the user-data folder, known (and moved, if asked) before `ready`.
const production = app.isPackaged;
const logger: Logger = createLogger(createElectronLogSink(log, { userDataDir: app.getPath('userData'), production }), {
  minLevel: production ? 'info' : 'debug',
});
installMainErrorHandlers({ process, app, dialog, logFilePath: logFilePath(app.getPath('userData')), logger });

const inbox = new DeepLinkInbox();
// The page source is fixed at start-up. The dev server URL is honoured only unpackaged:
// an installed app must never load a page named by an environment variable.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

const keeper = createWindowKeeper(() => {
  const win = new BrowserWindow(mainWindowOptions(join(import.meta.dirname, '../preload/index.cjs')));
  guardWebContents(win.webContents, { openExternal: (url) => shell.openExternal(url), logger });
  win.once('ready-to-show', () => {
    win.show();
    win.focus();
  });
  win.loadURL(devServerUrl ?? RENDERER_ENTRY_URL).catch((error: unknown) => {
    logger.error('window: the page failed to load', { error: String(error) });
  });
  return win;
});

listenForDeepLinks(app, { inbox, reveal: keeper.reveal });

if (claimSingleInstance(app)) {
  // Whatever launched this first process, including a cold-start link, waits in the inbox.
  deliverColdStartLink(inbox, process.argv);
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fail(error));
}

// --- After `ready` -----------------------------------------------------------------------
async function start(): Promise<void> {
  const userDataDir = app.getPath('userData');
  logger.info('starting', { version: app.getVersion(), electron: process.versions.electron, platform: process.platform });

  // The organisation's settings shipped beside app.asar (installed builds only).
  const packaged = await readPackagedConfigFile({
    packaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    readFile: (path) => readFile(path, 'utf8'),
  });
  if (!packaged.ok) {
    refuseToStart('packaged settings refused', packaged.errors, 'This installation of PromptGrimoire is damaged:');
    return;
  }
  if (packaged.warnings.length > 0) logger.info('packaged settings notes', { file: packaged.path, warnings: packaged.warnings });

  const config = loadConfig(process.env, { packaged: packaged.config });
  if (!config.ok) {
    refuseToStart('configuration refused', config.errors, 'Fix these settings, then start PromptGrimoire again:');
    return;
  }
  logger.info('configuration loaded', { mode: config.config.mode, packagedFile: packaged.path });
  installCrashReports({ crashReporter, submitUrl: config.config.crashReportsUrl, logger });

  // Tests must leave the machine's promptgrimoire:// handler alone: no registration, no offer.
  const touchProtocolHandler = process.env[SKIP_PROTOCOL_REGISTRATION_ENV] !== '1';
  const protocolClient = { defaultApp: process.defaultApp === true, execPath: process.execPath, argv: process.argv };
  if (touchProtocolHandler) {
    const registered = registerProtocolClient(app, protocolClient);
    logger.info('protocol client registration', { scheme: 'promptgrimoire', registered });
  }

  const store = openSessionStore({ userDataDir, open: (options) => new ElectronStore<Record<string, unknown>>(options), logger });
  const systemClipboard = createClipboard(clipboard, logger);
  const runCommand = createCommandRunner();
  const core = createAppCore({
    config: config.config,
    cipher: createSafeStorageCipher(safeStorage, process.platform),
    store,
    clipboard: systemClipboard,
    logger: logger,
  });
  const diagnostics = createDiagnosticsService({
    config: config.config,
    currentView: () => core.view(),
    probes: createElectronDiagnosticsProbes({
      app,
      safeStorage,
      shell,
      platform: process.platform,
      osRelease: release(),
      arch: process.arch,
      electronVersion: process.versions.electron,
      env: process.env,
      homeDir: homedir(),
      runCommand,
      protocolClient,
      // The same path createElectronLogSink hands electron-log's file transport.
      logFilePath: logFilePath(userDataDir),
      fileExists: (path) => access(path).then(() => true, () => false),
    }),
    clipboard: systemClipboard,
    logger,
  });

  denyAllPermissions(session.defaultSession, logger);
  protocol.handle(RENDERER_SCHEME, createRendererProtocolHandler(join(import.meta.dirname, '../renderer')));

  const allowedOrigins = devServerUrl === undefined ? [RENDERER_ORIGIN] : [RENDERER_ORIGIN, new URL(devServerUrl).origin];
  const disposeIpc = registerIpcHandlers(
    ipcMain,
    createIpcHandlers({ core, account: core.account, diagnostics }, logger),
    createSenderCheck({ window: keeper.current, allowedOrigins }),
    logger,
  );
  const stopPushes = pushViewChanges(core, () => keeper.current()?.webContents ?? null);
  installCrashRecovery({ app, dialog, shell, currentWindow: keeper.current, pageUrl: devServerUrl ?? RENDERER_ENTRY_URL, pageOrigins: allowedOrigins,
    copyDiagnostics: () => diagnostics.copy(), logFilePath: logFilePath(userDataDir), logger });
  wireQuit(core, () => {
    stopPushes();
    disposeIpc();
  });

  // Restore the stored session before any link is handled, so a fresh sign-in is not undone.
  try {
    await core.start();
  } catch (error) {
    logger.error('core start failed', { error: String(error) });
  }
  keeper.markReady();
  keeper.open();
  inbox.attach(core, (error) => logger.error('deep link delivery failed', { error: String(error) }));

  if (touchProtocolHandler) {
    // Resolves with an outcome and never rejects; sign-in does not wait for the answer.
    void offerAppImageIntegration({
      env: process.env,
      platform: process.platform,
      homeDir: homedir(),
      store,
      runCommand,
      showMessageBox: (options) => {
        const win = keeper.current();
        return win === null ? dialog.showMessageBox(options) : dialog.showMessageBox(win, options);
      },
      logger,
    });
  }
}

function refuseToStart(event: string, errors: readonly string[], intro: string): void {
  logger.error(event, { errors });
  dialog.showErrorBox('PromptGrimoire cannot start', `${intro}\n\n${errors.join('\n')}`);
  app.quit();
}

function wireQuit(core: AppCore, unbind: () => void): void {
  app.on('window-all-closed', () => {
    // Closing the window answers a pending "Continue as …?" with Cancel: its session ends.
    void core.cancelLink();
    // macOS apps stay alive without windows; open-url or the dock brings one back.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', keeper.reveal);

  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed) return;
    // Hold the quit until the core has stopped its timers and background calls.
    event.preventDefault();
    disposed = true;
    unbind();
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, DISPOSE_TIMEOUT_MS).unref());
    Promise.race([core.dispose(), timeout])
      .catch((error: unknown) => logger.error('core dispose failed', { error: String(error) }))
      .finally(() => app.quit());
  });
}

function fail(error: unknown): void {
  logger.error('start-up failed', { error: String(error) });
  dialog.showErrorBox('PromptGrimoire cannot start', String(error));
  app.exit(1);
}
