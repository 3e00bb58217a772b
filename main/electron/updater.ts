// electron-updater behind the policy's Updater port (main/updates/update-policy.ts). The
// feed comes only from the packaged app-config, set here with setFeedURL, so neither the
// environment nor a stray app-update.yml can point an installed app elsewhere. What
// electron-updater verifies stays on: the sha512 of every download, and on macOS and Windows
// the code signature of the new version against the running one.
// Rules: the only module that loads electron-updater, and only lazily: it pulls in
// fs-extra, js-yaml, semver and electron's net module, none of which the first window needs.
import type { AppUpdater } from 'electron-updater';
import type { Logger } from '../../common/ports';
import type { Updater } from '../updates/update-policy';
import type { Expect } from './type-checks';

/** The part of electron-updater's AppUpdater the adapter uses; tests pass a stand-in. */
export interface AppUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  allowPrerelease: boolean;
  logger: UpdaterLog | null;
  setFeedURL(options: { provider: 'generic'; url: string; channel: string }): void;
  checkForUpdates(): Promise<{ isUpdateAvailable: boolean; updateInfo: { version: string } } | null>;
  downloadUpdate(): Promise<string[]>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'download-progress', listener: (info: { percent: number }) => void): unknown;
  removeListener(event: 'download-progress', listener: (info: { percent: number }) => void): unknown;
}
export type _AppUpdaterFits = Expect<AppUpdater extends AppUpdaterLike ? true : false>;

/** electron-updater's logger shape: one message per call. */
interface UpdaterLog {
  info(message?: unknown): void;
  warn(message?: unknown): void;
  error(message?: unknown): void;
}

export interface FeedSettings {
  url: string;
  /** The feed file's channel: 'latest' (latest-linux.yml, …) or 'beta' (beta-linux.yml, …). */
  channel: string;
}

/** Loads electron-updater's platform updater (NSIS, DMG/zip, AppImage or deb). Call only after the first window. */
export async function loadAppUpdater(): Promise<AppUpdaterLike> {
  const { autoUpdater } = await import('electron-updater');
  return autoUpdater;
}

/** Configures the updater for the policy: it decides when to download; the feed is the packaged one. */
export function createElectronUpdater(load: () => Promise<AppUpdaterLike>, feed: FeedSettings, logger: Logger): Updater {
  let loaded: Promise<AppUpdaterLike> | null = null;
  const updater = (): Promise<AppUpdaterLike> =>
    (loaded ??= load().then((real) => {
      configure(real, feed, logger);
      return real;
    }));

  return {
    async check() {
      const result = await (await updater()).checkForUpdates();
      // electron-updater answers null when it is inactive (an unpackaged run).
      if (result === null) throw new Error('the updater is inactive in this build');
      return { available: result.isUpdateAvailable, version: result.updateInfo.version };
    },
    async download(onProgress) {
      const real = await updater();
      const progress = (info: { percent: number }): void => onProgress(info.percent);
      real.on('download-progress', progress);
      try {
        // Rejects when the sha512 or, on macOS and Windows, the signature does not match.
        await real.downloadUpdate();
      } finally {
        real.removeListener('download-progress', progress);
      }
    },
    quitAndInstall() {
      if (loaded === null) throw new Error('nothing was downloaded');
      void loaded.then((real) => real.quitAndInstall(false, true));
    },
  };
}

function configure(real: AppUpdaterLike, feed: FeedSettings, logger: Logger): void {
  // The policy downloads in "automatic" mode and on request in "notify"; a downloaded
  // update installs when the app quits in both.
  real.autoDownload = false;
  real.autoInstallOnAppQuit = true;
  // A beta build follows the beta feed; neither may ever install an older version.
  real.allowPrerelease = feed.channel !== 'latest';
  real.setFeedURL({ provider: 'generic', url: feed.url, channel: feed.channel });
  real.allowDowngrade = false;
  real.logger = {
    info: (message) => logger.info('updater', { message: String(message) }),
    warn: (message) => logger.warn('updater', { message: String(message) }),
    error: (message) => logger.error('updater', { message: String(message) }),
  };
}
