// Everything the app does after its window exists: configuration, the store, the core, the
// page's protocol and IPC, then the local restore, and only then the page itself, so its
// first screen is already the right one. Loaded by main/index.ts right after it creates the
// window, so none of this delays the window; the Stytch client loads later still, on its
// first network call (main/auth/deferred-gateway.ts).
// Rule: wiring only; nothing here decides anything about sign-in.
import { access } from 'node:fs/promises';
import { homedir, release } from 'node:os';
import { app, clipboard, ClipboardItem, crashReporter, dialog, ipcMain, powerMonitor, protocol, safeStorage, screen, session, shell, type BrowserWindow } from 'electron';
import ElectronStore from 'electron-store';
import { createAppCore, type AppCore } from '../app-core';
import { loadConfig } from '../config';
import { createCommandRunner } from '../diagnostics/command-runner';
import { createDiagnosticsService } from '../diagnostics/diagnostics-service';
import { createIpcEndpoints } from '../ipc/endpoints';
import { createIpcHandlers } from '../ipc/handlers';
import type { PasswordStoreChoice } from '../keyring/password-store';
import { restartGateFor } from '../updates/restart-gate';
import type { UpdateMode } from '../updates/update-mode';
import { createUpdatePolicy } from '../updates/update-policy';
import { PUSH_CONTRACT, type PushChannel } from '../../preload/api';
import type { TrustedEnvironment } from '../packaged-launch';
import type { PackagedConfigText } from '../packaged-config-text';
import type { Logger } from '../../common/ports';
import { offerAppImageIntegration } from './appimage-offer';
import { createClipboard } from './clipboard';
import { installCrashReports } from './crash-reports';
import type { DeepLinkInbox } from './deep-link-inbox';
import { registerProtocolClient } from './deep-link-delivery';
import { createElectronDiagnosticsProbes } from './diagnostics-probes';
import { createSenderCheck, pushViewChanges, registerIpcHandlers, removeForeignIpc } from './ipc';
import { logFilePath } from './log-sink';
import { validatePackagedConfig } from './packaged-config-file';
import { createRendererProtocolHandler, RENDERER_SCHEME } from './renderer-protocol';
import { createSafeStorageCipher } from './safe-storage-cipher';
import { watchResume } from './power-events';
import { systemNetwork } from './proxy-resolver';
import { openSessionStore } from './session-store';
import { createElectronUpdater, loadAppUpdater } from './updater';
import { denyAllPermissions, WINDOW_SIZES, type WindowKeeper } from './window';
import { placeAndRemember } from './window-placement';

/** Set by the e2e target so test runs do not re-register the OS's promptgrimoire:// handler. */
const SKIP_PROTOCOL_REGISTRATION_ENV = 'PROMPTGRIMOIRE_SKIP_PROTOCOL_REGISTRATION';
const DISPOSE_TIMEOUT_MS = 3000;

export interface StartupContext {
  logger: Logger;
  keeper: WindowKeeper<BrowserWindow>;
  inbox: DeepLinkInbox;
  /** The shipped settings file, read before `ready`; validated here. */
  packagedText: PackagedConfigText;
  trusted: TrustedEnvironment;
  /** On Linux: the keyring Chromium was told to use before `ready`, and why (Diagnostics). */
  keyring: PasswordStoreChoice | null;
  /** Origins the page may be served from: app://renderer, and the Vite dev server in development. */
  pageOrigins: readonly string[];
  /** Applies the application menu again, now knowing whether updates are on. */
  applyMenu: (updateMode: UpdateMode) => void;
  /** out/renderer: what app://renderer serves. */
  rendererDir: string;
  /** Loads the page into the window (and any later one): IPC and the restore are ready. */
  pageReady: () => void;
  /** Hands the entry what its window and crash dialog need once the core exists. */
  provide: (services: LateServices) => void;
}

/** What main/index.ts wires before the core exists and fills in from here. */
export interface LateServices {
  /** Window input: resets the idle timeout. */
  noteActivity: () => void;
  /** The crash dialog's "Copy diagnostics". */
  copyDiagnostics: () => Promise<unknown>;
  /** A window created later (after a close on macOS) opens where the last one was left. */
  placeWindow: (win: BrowserWindow) => void;
  /** Help → Diagnostics. */
  showDiagnostics: () => void;
  /** Check for Updates… in the application menu. */
  checkForUpdates: () => void;
}

export async function startApp(ctx: StartupContext): Promise<void> {
  const { logger, keeper } = ctx;
  const userDataDir = app.getPath('userData');
  logger.info('starting', { version: app.getVersion(), electron: process.versions.electron, platform: process.platform });

  const packaged = validatePackagedConfig(ctx.packagedText);
  if (!packaged.ok) {
    refuseToStart(logger, 'packaged settings refused', packaged.errors, 'This installation of PromptGrimoire is damaged:');
    return;
  }
  if (packaged.warnings.length > 0) logger.info('packaged settings notes', { file: packaged.path, warnings: packaged.warnings });

  // loadConfig applies the same environment rule as `trusted` for the packaged file it is given.
  const config = loadConfig(process.env, { packaged: packaged.config });
  if (!config.ok) {
    refuseToStart(logger, 'configuration refused', config.errors, 'Fix these settings, then start PromptGrimoire again:');
    return;
  }
  if (config.warnings.length > 0) logger.warn('configuration adjusted', { warnings: config.warnings });
  installCrashReports({ crashReporter, submitUrl: config.config.crashReportsUrl, logger });
  logger.info('configuration loaded', {
    mode: config.config.mode,
    packagedFile: packaged.path,
    environmentOverrides: config.config.environmentOverrides,
  });

  // Tests must leave the machine's promptgrimoire:// handler alone: no registration, no offer.
  const touchProtocolHandler = ctx.trusted.env[SKIP_PROTOCOL_REGISTRATION_ENV] !== '1';
  const protocolClient = { defaultApp: process.defaultApp === true, execPath: process.execPath, argv: process.argv };
  if (touchProtocolHandler) {
    const registered = registerProtocolClient(app, protocolClient);
    logger.info('protocol client registration', { scheme: 'promptgrimoire', registered });
  }

  const store = openSessionStore({ userDataDir, open: (options) => new ElectronStore<Record<string, unknown>>(options), logger });
  const systemClipboard = createClipboard(clipboard, logger, {
    platform: process.platform,
    makeItem: (items) => new ClipboardItem(items),
  });
  const runCommand = createCommandRunner();
  // Stytch and the relay are reached the way Chromium would: system proxy, PAC, OS CAs.
  const network = systemNetwork(session.defaultSession);
  if (ctx.keyring !== null) logger.info('keyring choice', { ...ctx.keyring });
  const core = createAppCore({
    config: config.config,
    cipher: createSafeStorageCipher(safeStorage, process.platform),
    store,
    clipboard: systemClipboard,
    logger,
    network: network.settings,
  });
  const feed = config.config.updates;
  const updates = createUpdatePolicy({
    mode: feed.mode,
    channel: config.config.channel,
    // electron-updater loads on the first check, after the page (FIRST_CHECK_DELAY_MS).
    updater: feed.mode === 'off' ? null : createElectronUpdater(loadAppUpdater, { url: feed.url, channel: feed.feedChannel }, logger),
    gate: restartGateFor(core),
    clock: { now: () => Date.now() },
    logger,
  });
  const push = (channel: PushChannel, payload?: unknown): void => {
    const contents = keeper.current()?.webContents;
    if (contents !== undefined && !contents.isDestroyed()) contents.send(channel, payload);
  };
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
      // The same path the file logger writes to.
      logFilePath: logFilePath(userDataDir),
      fileExists: (path) => access(path).then(() => true, () => false),
    }),
    clipboard: systemClipboard,
    logger,
    network: network.settings,
    keyringChoice: ctx.keyring,
    updates: () => updates.diagnostics(),
  });
  // The window exists but is hidden until the page is ready: placed before anyone sees it.
  const placeWindow = (win: BrowserWindow): void => void placeAndRemember(win, { screen, store, limits: WINDOW_SIZES, logger });
  const first = keeper.current();
  if (first !== null) placeWindow(first);
  ctx.provide({
    noteActivity: () => core.noteActivity(),
    copyDiagnostics: () => diagnostics.copy(),
    placeWindow,
    showDiagnostics: () => {
      keeper.reveal();
      push(PUSH_CONTRACT.onShowDiagnostics.channel);
    },
    checkForUpdates: () => {
      keeper.reveal();
      void updates.checkNow();
    },
  });
  if (feed.mode !== 'off') ctx.applyMenu(feed.mode);

  denyAllPermissions(session.defaultSession, logger);
  protocol.handle(RENDERER_SCHEME, createRendererProtocolHandler(ctx.rendererDir));

  // electron-log and electron-store listen on ipcMain for renderer halves we never load.
  removeForeignIpc(ipcMain, logger);
  const disposeIpc = registerIpcHandlers(
    ipcMain,
    createIpcEndpoints(createIpcHandlers({ core, account: core.account, diagnostics, updates }, logger), logger),
    createSenderCheck({ window: keeper.current, allowedOrigins: ctx.pageOrigins }),
    logger,
  );
  const stopPushes = pushViewChanges(core, () => keeper.current()?.webContents ?? null);
  const stopUpdatePushes = updates.onView((view) => push(PUSH_CONTRACT.onUpdateChanged.channel, view));
  wireQuit(core, keeper, logger, () => {
    stopPushes();
    stopUpdatePushes();
    updates.dispose();
    disposeIpc();
  });

  // Restore the stored session before the page loads (its first screen is the right one) and
  // before any link is handled (a fresh sign-in is not undone). Local: no request.
  try {
    await core.start();
  } catch (error) {
    logger.error('core start failed', { error: String(error) });
  }
  ctx.pageReady();
  // After the restore: a resume before it has nothing to check yet.
  watchResume(powerMonitor, { checkSession: () => core.checkSession(), networkChanged: () => network.changed(), logger });
  updates.start();
  ctx.inbox.attach(core, (error) => logger.error('deep link delivery failed', { error: String(error) }));

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

function refuseToStart(logger: Logger, event: string, errors: readonly string[], intro: string): void {
  logger.error(event, { errors });
  const log = logFilePath(app.getPath('userData'));
  dialog.showErrorBox('PromptGrimoire cannot start', `${intro}\n\n${errors.join('\n')}\n\nDetails are in the log file: ${log}`);
  app.quit();
}

function wireQuit(core: AppCore, keeper: WindowKeeper<BrowserWindow>, logger: Logger, unbind: () => void): void {
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
