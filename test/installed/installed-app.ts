// The installed app, driven only the way a person and the operating system drive it: started
// from its installed executable, or launched by the OS opening a promptgrimoire:// link.
// Rule: no Playwright Electron driver and no debugging switches (a packaged app refuses
// them, by its fuses); what happened is read from the app's log file and from Stytch.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { logFilePath } from '../../main/electron/log-sink';
import { inheritedAppEnvironment } from '../e2e/targets/electron';

/** The installed executable; the specs run only when it is set. */
export const INSTALLED_APP_ENV = 'PROMPTGRIMOIRE_INSTALLED_APP';
/** The app-config the QA installer is built from (relay mode, loopback relay on a fixed port). */
export const QA_APP_CONFIG = 'test/installed/qa-app-config.json';

const HOW_TO_INSTALL =
  'build and install the app from the QA app-config (`npm run dist -- --config test/installed/qa-app-config.json`, then ' +
  'dpkg -i the .deb, run the NSIS installer with /S, or copy the .app to /Applications), and set ' +
  `${INSTALLED_APP_ENV} to its executable; .github/workflows/electron-e2e.yml does this on all three systems`;

/** Null when an installed app is named and exists; otherwise why the specs skip. */
export function installedAppSkipReason(env: Record<string, string | undefined> = process.env): string | null {
  const executable = env[INSTALLED_APP_ENV];
  if (!executable) return `no installed app: ${INSTALLED_APP_ENV} is not set. To run these specs, ${HOW_TO_INSTALL}.`;
  if (!existsSync(executable)) return `no installed app: ${INSTALLED_APP_ENV} is ${executable}, which does not exist. ${HOW_TO_INSTALL}.`;
  return null;
}

export function installedExecutable(): string {
  const reason = installedAppSkipReason();
  if (reason !== null) throw new Error(reason);
  return process.env[INSTALLED_APP_ENV] ?? '';
}

/** A fresh profile per test: its own session store, log file and single-instance lock. */
export interface Profile {
  userDataDir: string;
}

/** The app's environment: the packaged app-config decides Stytch; only the profile is ours. */
function profileEnvironment(profile: Profile): Record<string, string> {
  return { ...inheritedAppEnvironment(), PROMPTGRIMOIRE_USER_DATA_DIR: profile.userDataDir };
}

export function readLog(profile: Profile): string {
  const file = logFilePath(profile.userDataDir);
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/**
 * How many times the log says `message`. electron-log writes "[time] [level] message {fields}",
 * padding the level and an optional "(scope)" with spaces.
 */
export function countLogEvents(log: string, message: string): number {
  const escaped = message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return log.match(new RegExp(`^\\[[^\\]]+\\] \\[\\w+\\] *(?:\\(\\S+\\) *)?${escaped}(?: \\{|$)`, 'gm'))?.length ?? 0;
}

/** Starts the installed app as a person would, with no link. */
export function startInstalledApp(profile: Profile): ChildProcess {
  return spawn(installedExecutable(), [], { env: profileEnvironment(profile), stdio: 'ignore' });
}

/**
 * Opens the link the way a browser or mail client hands it to the OS. It returns the opener
 * process: on Linux xdg-open waits for the app process it started, so for a running app it
 * exits once the second process has handed the link over and quit.
 */
export function openThroughOs(url: string, profile: Profile): ChildProcess {
  const env = profileEnvironment(profile);
  if (process.platform === 'win32') {
    // `start` is a cmd built-in; the quotes keep the link's '&' away from cmd.
    return spawn('cmd.exe', ['/d', '/s', '/c', `start "" "${url}"`], { env, stdio: 'ignore', windowsVerbatimArguments: true });
  }
  if (process.platform === 'darwin') {
    // LaunchServices starts apps without our environment; --env hands the profile over.
    return spawn('open', ['--env', `PROMPTGRIMOIRE_USER_DATA_DIR=${profile.userDataDir}`, url], { env, stdio: 'ignore' });
  }
  return spawn('xdg-open', [url], { env, stdio: 'ignore', detached: true });
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** The pid of the app holding this profile's single-instance lock (Chromium's SingletonLock: "host-pid"). */
function lockHolder(profile: Profile): number | null {
  try {
    const pid = Number(/-(\d+)$/.exec(readlinkSync(join(profile.userDataDir, 'SingletonLock')))?.[1]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Quits whichever instance holds the profile, so the next test starts from a closed app. */
export async function stopInstalledApp(profile: Profile, timeoutMs = 15_000): Promise<void> {
  if (process.platform === 'win32') {
    // Windows keeps the lock in a named mutex, not a file; the installed image is ours alone here.
    spawnSync('taskkill', ['/IM', basename(installedExecutable()), '/T', '/F'], { stdio: 'ignore' });
    return;
  }
  const pid = lockHolder(profile);
  if (pid === null) return;
  // SIGTERM quits Electron gracefully: will-quit runs and the core disposes.
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (alive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      throw new Error(`the installed app (pid ${pid}) did not quit within ${timeoutMs} ms of SIGTERM`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
