// The electron-updater adapter against a typed stand-in of its AppUpdater: the feed comes
// only from the packaged settings, nothing downloads unless the policy asks, progress
// reaches the policy, and electron-updater loads on the first call, never before.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createElectronUpdater, type AppUpdaterLike } from '../../../main/electron/updater';
import { recordingLogger } from './stand-ins';

class StandInAppUpdater extends EventEmitter implements AppUpdaterLike {
  autoDownload = true;
  autoInstallOnAppQuit = false;
  allowDowngrade = true;
  allowPrerelease = false;
  logger: AppUpdaterLike['logger'] = null;
  feeds: unknown[] = [];
  installs: [boolean | undefined, boolean | undefined][] = [];
  answer: Awaited<ReturnType<AppUpdaterLike['checkForUpdates']>> = { isUpdateAvailable: true, updateInfo: { version: '1.1.0' } };
  downloadError: Error | null = null;
  setFeedURL(options: { provider: 'generic'; url: string; channel: string }) {
    this.feeds.push(options);
  }
  checkForUpdates() {
    return Promise.resolve(this.answer);
  }
  downloadUpdate() {
    this.emit('download-progress', { percent: 12.5 });
    this.emit('download-progress', { percent: 100 });
    return this.downloadError ? Promise.reject(this.downloadError) : Promise.resolve(['/tmp/update']);
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean) {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}

const FEED = { url: 'https://downloads.example.org/promptgrimoire', channel: 'latest' };

function setup(feed = FEED) {
  const real = new StandInAppUpdater();
  let loads = 0;
  const { logger, lines } = recordingLogger();
  const updater = createElectronUpdater(
    () => {
      loads += 1;
      return Promise.resolve(real);
    },
    feed,
    logger,
  );
  return { real, updater, loads: () => loads, lines };
}

describe('createElectronUpdater', () => {
  it('loads electron-updater on the first call only, and configures it once', async () => {
    const { real, updater, loads } = setup();
    expect(loads()).toBe(0);
    await updater.check();
    await updater.check();
    expect(loads()).toBe(1);
    expect(real.feeds).toEqual([{ provider: 'generic', url: FEED.url, channel: 'latest' }]);
  });

  it('leaves downloading to the policy, installs on quit, never downgrades', async () => {
    const { real, updater } = setup();
    await updater.check();
    expect(real).toMatchObject({ autoDownload: false, autoInstallOnAppQuit: true, allowDowngrade: false, allowPrerelease: false });
  });

  it('a beta build accepts pre-release versions from the beta feed', async () => {
    const { real, updater } = setup({ url: FEED.url, channel: 'beta' });
    await updater.check();
    expect(real.feeds).toEqual([{ provider: 'generic', url: FEED.url, channel: 'beta' }]);
    expect(real.allowPrerelease).toBe(true);
    expect(real.allowDowngrade).toBe(false);
  });

  it('answers what the feed holds', async () => {
    const { real, updater } = setup();
    expect(await updater.check()).toEqual({ available: true, version: '1.1.0' });
    real.answer = { isUpdateAvailable: false, updateInfo: { version: '1.0.0' } };
    expect(await updater.check()).toEqual({ available: false, version: '1.0.0' });
  });

  it('an inactive updater (unpackaged) is a failed check, not "up to date"', async () => {
    const { real, updater } = setup();
    real.answer = null;
    await expect(updater.check()).rejects.toThrow(/inactive/);
  });

  it('passes progress on while downloading, and stops listening after', async () => {
    const { real, updater } = setup();
    const seen: number[] = [];
    await updater.download((percent) => seen.push(percent));
    expect(seen).toEqual([12.5, 100]);
    expect(real.listenerCount('download-progress')).toBe(0);
  });

  it('a download that fails verification rejects, and stops listening too', async () => {
    const { real, updater } = setup();
    real.downloadError = new Error('sha512 checksum mismatch');
    await expect(updater.download(() => undefined)).rejects.toThrow(/sha512/);
    expect(real.listenerCount('download-progress')).toBe(0);
  });

  it('quits and installs visibly, starting the new version after', async () => {
    const { real, updater } = setup();
    expect(() => updater.quitAndInstall()).toThrow(/nothing was downloaded/);
    await updater.download(() => undefined);
    updater.quitAndInstall();
    await Promise.resolve();
    expect(real.installs).toEqual([[false, true]]);
  });

  it("routes electron-updater's own log lines through the app's redacting logger", async () => {
    const { real, updater, lines } = setup();
    await updater.check();
    real.logger?.info('Checking for update');
    real.logger?.error('failed with token=secret-live-abcdefghijklmnop');
    expect(lines.join('\n')).toContain('Checking for update');
    expect(lines.join('\n')).not.toContain('secret-live-abcdefghijklmnop');
  });
});
