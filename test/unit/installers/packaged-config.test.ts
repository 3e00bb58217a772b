import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePackagedConfig } from '../../../main/packaged-config';

const PROJECT_LIVE = 'project-live-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const PROJECT_TEST = 'project-test-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const SECRET_LIVE = 'secret-live-Zq8xY2wV1uT0sR9pQ8oN7mL6kJ5iH4gF3eD2=';

const direct = { mode: 'direct', stytch: { projectId: PROJECT_TEST, environment: 'test' } };
const relay = {
  mode: 'relay',
  stytch: { projectId: PROJECT_LIVE, environment: 'live' },
  relayUrl: 'https://relay.example.org',
};

const off = { allowEmbeddedSecret: false };

function errorsOf(json: unknown, opts = off): string[] {
  const result = parsePackagedConfig(json, opts);
  if (result.ok) throw new Error('expected the config to be refused');
  return result.errors;
}

describe('parsePackagedConfig: good files', () => {
  it('accepts a minimal direct config and fills in the defaults', () => {
    const result = parsePackagedConfig(direct, off);
    expect(result).toEqual({
      ok: true,
      warnings: [],
      config: {
        mode: 'direct',
        stytch: { projectId: PROJECT_TEST, environment: 'test' },
        sessionDurationMinutes: 10080,
        signUpPolicy: 'open',
        invitesEnabled: false,
        allowEnvironmentOverrides: false,
      },
    });
  });

  it('accepts a full relay config as written', () => {
    const full = {
      ...relay,
      sessionDurationMinutes: 60,
      signUpPolicy: 'existing-users-only',
      invitesEnabled: true,
      channel: 'beta',
      allowEnvironmentOverrides: true,
    };
    const result = parsePackagedConfig(full, off);
    expect(result).toEqual({ ok: true, warnings: [], config: full });
  });

  it('accepts the committed example file', () => {
    const example: unknown = JSON.parse(readFileSync('build/app-config.example.json', 'utf8'));
    expect(parsePackagedConfig(example, off).ok).toBe(true);
  });

  it('reads "login-or-create", the relay\'s earlier name, as "open"; a near miss is refused with the help', () => {
    const aliased = parsePackagedConfig({ ...relay, signUpPolicy: 'login-or-create' }, off);
    expect(aliased.ok && aliased.config.signUpPolicy).toBe('open');
    expect(errorsOf({ ...relay, signUpPolicy: 'Login-Or-Create' })).toEqual([
      'signUpPolicy: got "Login-Or-Create". It must be "open" or "existing-users-only" ("login-or-create" is read as "open"), for example "existing-users-only".',
    ]);
  });

  it('allows a loopback http relay for development, with a warning', () => {
    const result = parsePackagedConfig({ ...relay, relayUrl: 'http://127.0.0.1:8787' }, off);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.warnings.join('\n')).toMatch(/development/);
  });
});

describe('parsePackagedConfig: one clear error per bad field', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['mode', { ...direct, mode: 'proxy' }, /^mode: got "proxy"\. It must be "direct" or "relay", for example "relay"\.$/],
    ['mode missing', { stytch: direct.stytch }, /^mode: is missing\./],
    ['stytch.projectId', { ...direct, stytch: { ...direct.stytch, projectId: 'abc' } }, /^stytch\.projectId: got "abc"\..*for example "project-live-/],
    ['stytch.environment', { ...direct, stytch: { ...direct.stytch, environment: 'prod' } }, /^stytch\.environment: got "prod"\..*"test" or "live"/],
    ['sessionDurationMinutes too small', { ...direct, sessionDurationMinutes: 3 }, /^sessionDurationMinutes: got 3\..*from 5 to 129600 \(90 days\).*10080/],
    ['sessionDurationMinutes too big', { ...direct, sessionDurationMinutes: 600000 }, /^sessionDurationMinutes: got 600000\./],
    // A new installer caps sessions at 90 days; only a file already shipped is clamped instead.
    ['sessionDurationMinutes over 90 days', { ...direct, sessionDurationMinutes: 129601 }, /^sessionDurationMinutes: got 129601\..*to 129600 \(90 days\)/],
    ['allowEnvironmentOverrides as text', { ...direct, allowEnvironmentOverrides: 'true' }, /^allowEnvironmentOverrides: got "true"\..*true only in support staff's own test builds/],
    ['sessionDurationMinutes fraction', { ...direct, sessionDurationMinutes: 10.5 }, /^sessionDurationMinutes: got 10\.5\..*whole number/],
    ['sessionDurationMinutes string', { ...direct, sessionDurationMinutes: '10080' }, /^sessionDurationMinutes: got "10080"\./],
    ['signUpPolicy', { ...direct, signUpPolicy: 'closed' }, /^signUpPolicy: got "closed"\..*"existing-users-only"/],
    ['invitesEnabled', { ...direct, invitesEnabled: 'yes' }, /^invitesEnabled: got "yes"\..*true or false/],
    ['channel', { ...direct, channel: 'nightly' }, /^channel: got "nightly"\..*"stable" or "beta"/],
    ['unknown field', { ...direct, sesionDurationMinutes: 60 }, /^sesionDurationMinutes: is not a known setting.*sessionDurationMinutes/],
    ['not an object', 'mode=direct', /^\(whole file\): got "mode=direct"\..*JSON object/],
  ];

  it.each(cases)('%s', (_name, json, message) => {
    const errors = errorsOf(json);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it('reports every bad field at once, one message each', () => {
    const errors = errorsOf({ mode: 'x', stytch: { projectId: 1, environment: 'y' }, channel: 3 });
    expect(errors.map((e) => e.split(':')[0])).toEqual(['mode', 'stytch.projectId', 'stytch.environment', 'channel']);
  });

  it('refuses a project from the other environment', () => {
    const errors = errorsOf({ ...direct, stytch: { projectId: PROJECT_LIVE, environment: 'test' } });
    expect(errors).toEqual([expect.stringMatching(/^stytch\.environment: is "test" but stytch\.projectId is a live project/)]);
  });
});

describe('parsePackagedConfig: relay rules', () => {
  it('requires relayUrl in relay mode', () => {
    const { relayUrl: _dropped, ...noUrl } = relay;
    expect(errorsOf(noUrl)).toEqual([expect.stringMatching(/^relayUrl: is missing.*https:\/\//)]);
  });

  it.each(['http://relay.example.org', 'ftp://relay.example.org', 'not a url'])('refuses relayUrl %s', (relayUrl) => {
    expect(errorsOf({ ...relay, relayUrl })).toEqual([expect.stringMatching(/^relayUrl: /)]);
  });

  it('refuses credentials in relayUrl', () => {
    expect(errorsOf({ ...relay, relayUrl: 'https://user:pw@relay.example.org' })[0]).toMatch(/user name or password/);
  });

  it('refuses relayUrl in direct mode', () => {
    expect(errorsOf({ ...direct, relayUrl: 'https://relay.example.org' })[0]).toMatch(/^relayUrl: is set but mode is "direct"/);
  });

  it('forbids a secret in relay mode even when embedding is allowed', () => {
    const json = { ...relay, stytch: { ...relay.stytch, secret: SECRET_LIVE } };
    const errors = errorsOf(json, { allowEmbeddedSecret: true });
    expect(errors).toEqual([expect.stringMatching(/^stytch\.secret: must not be set in relay mode/)]);
    expect(errors.join('\n')).not.toContain(SECRET_LIVE);
  });
});

describe('parsePackagedConfig: the embedded secret', () => {
  const withSecret = { mode: 'direct', stytch: { projectId: PROJECT_LIVE, environment: 'live', secret: SECRET_LIVE } };

  it('refuses a secret without the explicit flag and explains why', () => {
    const errors = errorsOf(withSecret);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^stytch\.secret: refused\./);
    expect(errors[0]).toMatch(/sign in as any user/);
    expect(errors[0]).toMatch(/relay mode/);
    expect(errors[0]).toMatch(/--allow-embedded-secret/);
    expect(errors[0]).not.toContain(SECRET_LIVE);
  });

  it('accepts it with the flag, with a warning that does not repeat it', () => {
    const result = parsePackagedConfig(withSecret, { allowEmbeddedSecret: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.stytch.secret).toBe(SECRET_LIVE);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/EMBEDDED.*anyone who has this installer.*sign in as any user/s);
    expect(result.warnings[0]).not.toContain(SECRET_LIVE);
  });

  it('refuses a secret from the other environment without printing it', () => {
    const json = { ...withSecret, stytch: { ...withSecret.stytch, secret: 'secret-test-abcdefghijklmnopqrstuvwxyz012345=' } };
    const errors = errorsOf(json, { allowEmbeddedSecret: true });
    expect(errors).toEqual([expect.stringMatching(/^stytch\.secret: is a test secret but stytch\.environment is "live"/)]);
    expect(errors[0]).not.toContain('abcdefghijklmnopqrstuvwxyz');
  });

  it('never echoes a secret pasted into the wrong field', () => {
    const errors = errorsOf({ ...direct, channel: SECRET_LIVE });
    expect(errors[0]).toMatch(/^channel: got a value that looks like a Stytch secret \(not shown\)/);
    expect(errors.join('\n')).not.toContain(SECRET_LIVE);
  });

  it('never echoes an empty-but-wrong secret value', () => {
    const errors = errorsOf({ ...direct, stytch: { ...direct.stytch, secret: '   ' } }, { allowEmbeddedSecret: true });
    expect(errors).toEqual([expect.stringMatching(/^stytch\.secret: is not valid\./)]);
  });
});

describe('parsePackagedConfig: opt-in crash reports', () => {
  it('accepts an https submit URL, and has none by default', () => {
    const result = parsePackagedConfig({ ...direct, crashReports: { submitUrl: 'https://crashes.example.org/submit' } }, off);
    expect(result.ok && result.config.crashReports).toEqual({ submitUrl: 'https://crashes.example.org/submit' });
    const plain = parsePackagedConfig(direct, off);
    expect(plain.ok && plain.config.crashReports).toBeUndefined();
  });

  it.each(['http://crashes.example.org/submit', 'https://user:pw@crashes.example.org/', 'crashes.example.org', ''])(
    'refuses %j with a message naming the field and a good value',
    (submitUrl) => {
      const errors = errorsOf({ ...direct, crashReports: { submitUrl } });
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^crashReports\.submitUrl: .*https.*"https:\/\/crashes\.example\.org\/submit"/);
    },
  );

  it('refuses unknown fields inside crashReports', () => {
    expect(errorsOf({ ...direct, crashReports: { submitUrl: 'https://c.example.org', uploadEverything: true } })[0]).toMatch(/crashReports\.uploadEverything/);
  });
});
