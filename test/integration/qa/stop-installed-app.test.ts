// stopInstalledApp finds the app through Chromium's own single-instance lock in the profile
// (SingletonLock, "host-pid") and quits it. Electron inherits that lock from Chromium, so a
// real Chromium holding a profile shows the installed-app specs close the right process.
import { spawn } from 'node:child_process';
import { lstatSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumExecutable } from '../../fixtures/chromium';
import { stopInstalledApp } from '../../installed/installed-app';

function holdsLock(userDataDir: string): boolean {
  try {
    return lstatSync(join(userDataDir, 'SingletonLock')).isSymbolicLink();
  } catch {
    return false;
  }
}

describe.skipIf(process.platform === 'win32')('stopInstalledApp (Windows keeps the lock in a mutex and uses taskkill)', () => {
  it('quits the process that holds the profile\u2019s lock, and does nothing when none does', async () => {
    const userDataDir = await mkdtemp(join(tmpdir(), 'qa-stop-'));
    try {
      await stopInstalledApp({ userDataDir });

      const browser = spawn(
        chromiumExecutable(),
        ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', `--user-data-dir=${userDataDir}`, 'about:blank'],
        { stdio: 'ignore' },
      );
      const exit = new Promise<NodeJS.Signals | number | null>((resolve) => browser.once('exit', (code, signal) => resolve(signal ?? code)));
      await expect.poll(() => holdsLock(userDataDir), { timeout: 15_000 }).toBe(true);

      await stopInstalledApp({ userDataDir });
      // Gone by the time it returns, having quit on SIGTERM rather than being killed.
      expect(browser.exitCode !== null || browser.signalCode !== null).toBe(true);
      expect(await exit).not.toBe('SIGKILL');
    } finally {
      await rm(userDataDir, { recursive: true, force: true });
    }
  }, 40_000);
});
