// The app-config's `updates` block: validated when the installer is built, with messages that
// name the field and show a good value, and read only from the packaged file at run time.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../main/config';
import { parsePackagedConfig } from '../../../main/packaged-config';
import { feedChannel } from '../../../main/updates/update-mode';

const relay = {
  mode: 'relay',
  stytch: { projectId: 'project-live-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', environment: 'live' },
  relayUrl: 'https://relay.example.org',
};
const opts = { allowEmbeddedSecret: false };
const FEED = 'https://downloads.example.org/promptgrimoire';

function errorsOf(json: unknown): string[] {
  const result = parsePackagedConfig(json, opts);
  if (result.ok) throw new Error('expected the config to be refused');
  return result.errors;
}

function packaged(updates: unknown, extra: Record<string, unknown> = {}) {
  const result = parsePackagedConfig({ ...relay, ...extra, updates }, opts);
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.config;
}

describe('app-config updates: good files', () => {
  it.each(['automatic', 'notify'] as const)('accepts %s with an https feed', (mode) => {
    expect(packaged({ mode, url: FEED }).updates).toEqual({ mode, url: FEED });
  });

  it('accepts "off" without a feed, for fleets whose device management installs updates', () => {
    expect(packaged({ mode: 'off' }).updates).toEqual({ mode: 'off' });
  });

  it('has no updates block by default', () => {
    const result = parsePackagedConfig(relay, opts);
    expect(result.ok && result.config.updates).toBeUndefined();
  });

  it('accepts a plain-http loopback feed for QA on one computer, with a warning', () => {
    const result = parsePackagedConfig({ ...relay, updates: { mode: 'automatic', url: 'http://127.0.0.1:8080/feed' } }, opts);
    expect(result.ok).toBe(true);
    expect(result.ok && result.warnings).toEqual([expect.stringMatching(/^updates\.url: http:\/\/127\.0\.0\.1:8080 is a plain-http loopback address/)]);
  });
});

describe('app-config updates: refused with a message a person can act on', () => {
  it.each([
    ['http://downloads.example.org/feed', /^updates\.url: must use https/],
    ['https://user:pw@downloads.example.org/feed', /^updates\.url: must not contain a user name or password/],
    ['https://downloads.example.org/feed?token=abc', /^updates\.url: must not have a query or fragment/],
    ['file:///etc/passwd', /^updates\.url: must use https/],
    ['downloads.example.org', /^updates\.url: "downloads\.example\.org" is not a URL/],
  ])('refuses the feed %j', (url, message) => {
    const errors = errorsOf({ ...relay, updates: { mode: 'automatic', url } });
    expect(errors).toEqual([expect.stringMatching(message)]);
    expect(errors[0]).toContain(`"${FEED}"`);
  });

  it('refuses automatic or notify without a feed, and says "off" is the choice for managed fleets', () => {
    expect(errorsOf({ ...relay, updates: { mode: 'notify' } })).toEqual([expect.stringMatching(/^updates\.url: is missing;.*"mode": "off"/)]);
  });

  it('refuses an unknown mode and names the three', () => {
    expect(errorsOf({ ...relay, updates: { mode: 'silent', url: FEED } })).toEqual([
      expect.stringMatching(/^updates\.mode: got "silent"\. It must be "automatic" .*"notify" .*"off"/),
    ]);
  });

  it('refuses unknown fields inside updates, such as a provider the app does not use', () => {
    expect(errorsOf({ ...relay, updates: { mode: 'automatic', url: FEED, provider: 'github' } })[0]).toMatch(/^updates\.provider: is not a known setting.*mode, url/);
  });
});

describe('run-time update settings', () => {
  it('are off in development and in a packaged app without an updates block', () => {
    const development = loadConfig({});
    expect(development.ok && development.config.updates).toEqual({ mode: 'off', url: null });
    const config = loadConfig({}, { packaged: packaged(undefined) });
    expect(config.ok && config.config.updates).toEqual({ mode: 'off', url: null });
  });

  it('come from the packaged file, and the environment cannot change the feed, even where overrides are allowed', () => {
    const file = packaged({ mode: 'notify', url: FEED }, { allowEnvironmentOverrides: true });
    const env = { PROMPTGRIMOIRE_UPDATES_URL: 'https://evil.example.net', PROMPTGRIMOIRE_UPDATES_MODE: 'automatic' };
    const config = loadConfig(env, { packaged: file });
    expect(config.ok && config.config.updates).toEqual({ mode: 'notify', url: FEED, feedChannel: 'latest' });
  });

  it('follow the app-config channel: a beta build reads the beta feed file', () => {
    const config = loadConfig({}, { packaged: packaged({ mode: 'automatic', url: FEED }, { channel: 'beta' }) });
    expect(config.ok && config.config.updates).toEqual({ mode: 'automatic', url: FEED, feedChannel: 'beta' });
  });

  it('"off" ignores a feed the file still names', () => {
    const config = loadConfig({}, { packaged: packaged({ mode: 'off', url: FEED }) });
    expect(config.ok && config.config.updates).toEqual({ mode: 'off', url: null });
  });
});

describe('feedChannel', () => {
  it('names the stable feed "latest" as electron-builder does, and others after themselves', () => {
    expect(feedChannel('stable')).toBe('latest');
    expect(feedChannel(undefined)).toBe('latest');
    expect(feedChannel('beta')).toBe('beta');
  });
});
