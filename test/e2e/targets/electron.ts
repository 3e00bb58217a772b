// The 'electron' e2e target: the real, built app through Playwright's Electron support,
// with links handed over the way each OS does it: a second app process with the link in
// argv on Windows and Linux (the single-instance lock forwards it), `open-url` on macOS.
// Where the Electron binary is absent it is skipped, with the reason electronSkipReason()
// gives; it never tries to download anything.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from '@playwright/test';
import { describeMissingElectron, electronBinaryStatus } from '../../../scripts/electron-binary';
import type { AppTarget } from './app-target';
import { keyringProblem, LINUX_PASSWORD_STORE_SWITCH } from './keyring-check';

const MAIN_ENTRY = resolve('out/main/index.js');
const SECOND_INSTANCE_TIMEOUT_MS = 15_000;

/** The real application menu, read and clicked in the app's main process. */
export interface MainMenu {
  /** Each top-level menu's label and its items' labels (or roles, or "separator"). */
  outline(): Promise<{ label: string; items: string[] }[]>;
  /** Clicks `item` in the top-level menu `menu`, as a person would. */
  click(menu: string, item: string): Promise<void>;
}

export interface ElectronTargetOptions {
  /** A fresh folder per test: profile, store, log and the single-instance lock all live here. */
  userDataDir: string;
  /** The app's configuration: which Stytch (emulator or relay) and any other settings. */
  env: Record<string, string>;
}

/** Null when the Electron binary exists; otherwise why the target is skipped and how to fix it. */
export function electronSkipReason(): string | null {
  const status = electronBinaryStatus();
  return status.present ? null : describeMissingElectron(status);
}

function executablePath(): string {
  const status = electronBinaryStatus();
  if (!status.present) throw new Error(describeMissingElectron(status));
  return status.path;
}

// A dev server URL would replace the built renderer; RUN_AS_NODE would not start the app at
// all; the shell's own Stytch settings must not leak into the test's choice of backend.
const INHERITED_BUT_IGNORED = /^(ELECTRON_RENDERER_URL|ELECTRON_RUN_AS_NODE|STYTCH_.*|PROMPTGRIMOIRE_.*)$/;

/** This process's environment without what would change which app, page or Stytch the app uses. */
export function inheritedAppEnvironment(): Record<string, string> {
  const base: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !INHERITED_BUT_IGNORED.test(key)) base[key] = value;
  }
  return base;
}

function appEnvironment({ userDataDir, env }: ElectronTargetOptions): Record<string, string> {
  return {
    ...inheritedAppEnvironment(),
    PROMPTGRIMOIRE_USER_DATA_DIR: userDataDir,
    // Tests must not re-register the machine's promptgrimoire:// handler.
    PROMPTGRIMOIRE_SKIP_PROTOCOL_REGISTRATION: '1',
    ...env,
  };
}

/** Chromium refuses to start as root without this; only containers and CI run tests as root. */
function sandboxArgs(): string[] {
  return process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : [];
}

/** On Linux, Chromium must use the keyring even under a bare X server (see keyring-check.ts). */
function keyringArgs(): string[] {
  return process.platform === 'linux' ? [LINUX_PASSWORD_STORE_SWITCH] : [];
}

function appArgs(userDataDir: string): string[] {
  return [MAIN_ENTRY, `--user-data-dir=${userDataDir}`, ...sandboxArgs(), ...keyringArgs()];
}

/** Fails at once, with the reason, when the app could not encrypt its session (Linux only). */
async function assertKeyring(app: ElectronApplication): Promise<void> {
  if (process.platform !== 'linux') return;
  // Asked after the first window exists, so after `ready`, when safeStorage has chosen.
  const backend = await app.evaluate(({ safeStorage }) => safeStorage.getSelectedStorageBackend());
  const problem = keyringProblem(process.platform, backend);
  if (problem !== null) throw new Error(problem);
}

/** What the OS does on Windows/Linux: start the app again with the link; it must forward it and exit. */
function deliverThroughSecondInstance(exe: string, options: ElectronTargetOptions, url: string): Promise<void> {
  return new Promise((resolveDelivery, reject) => {
    const child = spawn(exe, [...appArgs(options.userDataDir), url], { env: appEnvironment(options), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the second app process did not exit within ${SECOND_INSTANCE_TIMEOUT_MS} ms: the single-instance hand-over failed`));
    }, SECOND_INSTANCE_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolveDelivery();
      else reject(new Error(`the second app process exited with ${code ?? signal}: ${stderr.trim().slice(0, 500)}`));
    });
  });
}

export async function launchElectronTarget(options: ElectronTargetOptions): Promise<AppTarget & { mainMenu: MainMenu }> {
  const exe = executablePath();
  if (!existsSync(MAIN_ENTRY)) {
    throw new Error(`${MAIN_ENTRY} is missing: run \`npx electron-vite build\` before the electron target`);
  }

  const launch = async (): Promise<{ app: ElectronApplication; page: Page }> => {
    const app = await _electron.launch({
      executablePath: exe,
      args: appArgs(options.userDataDir),
      env: appEnvironment(options),
      cwd: resolve('.'),
    });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      await assertKeyring(app);
      return { app, page };
    } catch (error) {
      await app.close().catch(() => undefined);
      throw error;
    }
  };

  let current: { app: ElectronApplication; page: Page } | null = await launch();
  const running = (): { app: ElectronApplication; page: Page } => {
    if (current === null) throw new Error('the app is closed');
    return current;
  };
  const close = async (): Promise<void> => {
    const closing = current;
    current = null;
    // A graceful close, so will-quit runs and the core disposes as it would for a person.
    if (closing !== null) await closing.app.close();
  };

  return {
    get page() {
      return running().page;
    },
    deliverDeepLink: async (url) => {
      const { app } = running();
      if (process.platform === 'darwin') {
        await app.evaluate(({ app: electronApp }, link) => {
          electronApp.emit('open-url', { preventDefault() {} }, link);
        }, url);
        return;
      }
      await deliverThroughSecondInstance(exe, options, url);
    },
    readClipboard: () => running().app.evaluate(({ clipboard }) => clipboard.readText()),
    mainMenu: {
      outline: () =>
        running().app.evaluate(({ Menu }) =>
          (Menu.getApplicationMenu()?.items ?? []).map((top) => ({
            label: top.label,
            items: (top.submenu?.items ?? []).map((item) => item.label || item.role || item.type),
          })),
        ),
      click: (menu, item) =>
        running().app.evaluate(
          ({ Menu }, [menuLabel, itemLabel]) => {
            const found = Menu.getApplicationMenu()
              ?.items.find((top) => top.label === menuLabel)
              ?.submenu?.items.find((entry) => entry.label === itemLabel);
            if (found === undefined) throw new Error(`no menu item ${menuLabel} → ${itemLabel}`);
            // Electron types MenuItem.click as Function; a menu calls it with no arguments for a role-less item.
            (found.click as () => void)();
          },
          [menu, item] as const,
        ),
    },
    restart: async () => {
      await close();
      current = await launch();
    },
    close,
  };
}
