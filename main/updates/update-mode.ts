// What support staff choose for updates at build time, and the names electron-updater and
// electron-builder give the release channels.
// Rule: nothing here may import electron; these are plain values shared by the app-config
// schema, the configuration, the menus and the installer build.

/**
 * - automatic: download in the background, install on quit, offer "Restart to update";
 * - notify: offer the download, then the restart;
 * - off: never look (a fleet whose device management installs updates).
 */
export const UPDATE_MODES = ['automatic', 'notify', 'off'] as const;
export type UpdateMode = (typeof UPDATE_MODES)[number];

/** The update settings an installed app runs with: from its app-config only, never the environment. */
export type UpdateSettings =
  | { mode: 'off'; url: null }
  | {
      mode: 'automatic' | 'notify';
      url: string;
      /** The feed file's channel, from the app-config's `channel` (see feedChannel). */
      feedChannel: string;
    };

export const UPDATES_OFF: UpdateSettings = { mode: 'off', url: null };

/**
 * The feed file's channel: electron-builder names the stable feed `latest` (latest.yml,
 * latest-mac.yml, latest-linux.yml) and any other channel after itself (beta-linux.yml).
 */
export function feedChannel(channel: string | undefined): string {
  return channel === undefined || channel === 'stable' ? 'latest' : channel;
}

/** The app-config's say on updates, as both the installer build and the app read it. */
export interface UpdatesInAppConfig {
  updates?: { url?: string; mode: UpdateMode };
  channel?: string;
}

/** The update settings an app-config gives: off without an updates block, a feed, or "mode": "off". */
export function updateSettingsOf(file: UpdatesInAppConfig | undefined): UpdateSettings {
  const updates = file?.updates;
  if (updates === undefined || updates.mode === 'off' || updates.url === undefined) return UPDATES_OFF;
  return { mode: updates.mode, url: updates.url, feedChannel: feedChannel(file?.channel) };
}
