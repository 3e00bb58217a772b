// The installer build's update feed, derived from the app-config: electron-builder's
// `publish` (checked with electron-builder's own schema), and nothing at all when the app
// never updates itself. The feed files themselves come from real installer builds.
import type { Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePackagedConfig, type PackagedConfig } from '../../../main/packaged-config';
import { publishSettings } from '../../../scripts/dist';

const FEED = 'https://downloads.example.org/promptgrimoire';
const relay = {
  mode: 'relay',
  stytch: { projectId: 'project-live-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', environment: 'live' },
  relayUrl: 'https://relay.example.org',
};

function appConfig(extra: Record<string, unknown>): PackagedConfig {
  const result = parsePackagedConfig({ ...relay, ...extra }, { allowEmbeddedSecret: false });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.config;
}

let yml: Configuration;
beforeAll(async () => {
  yml = await getConfig(process.cwd(), null, null);
});

describe('publishSettings', () => {
  it.each(['automatic', 'notify'] as const)('%s: a generic feed on the stable channel, which electron-builder calls latest', (mode) => {
    expect(publishSettings(appConfig({ updates: { mode, url: FEED } }))).toEqual([{ provider: 'generic', url: FEED, channel: 'latest' }]);
  });

  it('a beta build publishes beta*.yml', () => {
    expect(publishSettings(appConfig({ channel: 'beta', updates: { mode: 'automatic', url: FEED } }))?.[0].channel).toBe('beta');
  });

  it('no feed without an updates block, or with "mode": "off" even where a url is left in', () => {
    expect(publishSettings(appConfig({}))).toBeNull();
    expect(publishSettings(appConfig({ updates: { mode: 'off' } }))).toBeNull();
    expect(publishSettings(appConfig({ updates: { mode: 'off', url: FEED } }))).toBeNull();
  });
});

describe('electron-builder.yml with the feed', () => {
  it('holds no feed of its own: it comes from the app-config', () => {
    expect(yml.publish).toBeNull();
  });

  it("passes electron-builder's schema with the feed merged in, as npm run dist merges it", async () => {
    const publish = publishSettings(appConfig({ updates: { mode: 'automatic', url: FEED } }));
    await expect(validateConfiguration({ ...yml, publish }, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the check is real: a provider electron-builder does not know is refused', async () => {
    const publish = [{ provider: 'ftp', url: FEED }] as unknown as Configuration['publish'];
    await expect(validateConfiguration({ ...yml, publish }, new DebugLogger(false))).rejects.toThrow(/publish/);
  });
});
