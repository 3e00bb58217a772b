import { describe, expect, it } from 'vitest';
import { EMBEDDED_EMULATOR_FALLBACK, loadConfig } from '../../main/config';
import { parsePackagedConfig } from '../../main/packaged-config';

describe('loadConfig', () => {
  it('uses the embedded emulator with defaults when no Stytch variable is set', () => {
    const result = loadConfig({});
    expect(result).toEqual({
      ok: true,
      config: {
        mode: 'emulator',
        stytch: {
          projectId: EMBEDDED_EMULATOR_FALLBACK.projectId,
          secret: EMBEDDED_EMULATOR_FALLBACK.secret,
          baseUrl: 'http://127.0.0.1:4578',
        },
        callbackUrl: 'promptgrimoire://auth/callback',
        loginExpirationMinutes: 60,
        signupExpirationMinutes: 60,
        sessionDurationMinutes: 10080,
        stytchTimeoutMs: 15000,
        signUpPolicy: 'open',
        invitesEnabled: false,
        inviteExpirationMinutes: 10080,
        channel: 'development',
        idleTimeoutMinutes: null,
        environmentOverrides: 'development',
        crashReportsUrl: null,
        updates: { mode: 'off', url: null },
      },
      warnings: [],
    });
  });

  it('takes the emulator endpoint as an argument', () => {
    const result = loadConfig({}, { emulator: { projectId: 'project-test-x', secret: 'secret-test-y', host: '127.0.0.1', port: 9999 } });
    expect(result.ok && result.config.stytch).toEqual({ projectId: 'project-test-x', secret: 'secret-test-y', baseUrl: 'http://127.0.0.1:9999' });
  });

  it('accepts a real test project and leaves the URL to the SDK', () => {
    const result = loadConfig({ STYTCH_PROJECT_ID: 'project-test-abc', STYTCH_SECRET: 'secret-test-def' });
    expect(result.ok && result.config).toMatchObject({ mode: 'direct', stytch: { baseUrl: undefined } });
  });

  it('explains each wrong value', () => {
    const result = loadConfig({
      STYTCH_PROJECT_ID: 'project-live-abc',
      STYTCH_SECRET: 'secret-test-def',
      PROMPTGRIMOIRE_SESSION_DURATION_MINUTES: '4',
      PROMPTGRIMOIRE_STYTCH_TIMEOUT_MS: 'soon',
    });
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.some((e) => e.includes('PROMPTGRIMOIRE_SESSION_DURATION_MINUTES must be between 5 and 527040'))).toBe(true);
    expect(errors.some((e) => e.includes('PROMPTGRIMOIRE_STYTCH_TIMEOUT_MS must be a whole number'))).toBe(true);
  });

  it('refuses mixed test and live credentials and malformed ones', () => {
    const mixed = loadConfig({ STYTCH_PROJECT_ID: 'project-live-abc', STYTCH_SECRET: 'secret-test-def' });
    expect(mixed.ok ? [] : mixed.errors).toEqual([expect.stringContaining('is a live project but STYTCH_SECRET is a test secret')]);
    const bad = loadConfig({ STYTCH_PROJECT_ID: 'abc', STYTCH_SECRET: 'def' });
    expect(bad.ok ? 0 : bad.errors.length).toBe(2);
  });

  it('requires both credentials once any Stytch variable is set', () => {
    const result = loadConfig({ STYTCH_API_URL: 'https://stytch.example.com' });
    expect(result.ok ? [] : result.errors).toEqual([
      'STYTCH_PROJECT_ID is required when any Stytch variable is set.',
      'STYTCH_SECRET is required when any Stytch variable is set.',
    ]);
  });

  it('allows plain http only on loopback and rejects paths', () => {
    const creds = { STYTCH_PROJECT_ID: 'p', STYTCH_SECRET: 's' };
    expect(loadConfig({ ...creds, STYTCH_API_URL: 'http://127.0.0.1:4578/' }).ok).toBe(true);
    expect(loadConfig({ ...creds, STYTCH_API_URL: 'http://stytch.example.com' }).ok).toBe(false);
    expect(loadConfig({ ...creds, STYTCH_API_URL: 'https://stytch.example.com/prefix' }).ok).toBe(false);
    expect(loadConfig({ ...creds, STYTCH_API_URL: 'not a url' }).ok).toBe(false);
  });

  it('reads the sign-up policy and invites switch, naming a wrong value', () => {
    const result = loadConfig({ PROMPTGRIMOIRE_SIGNUP_POLICY: 'existing-users-only', PROMPTGRIMOIRE_INVITES_ENABLED: 'true' });
    expect(result.ok && [result.config.signUpPolicy, result.config.invitesEnabled]).toEqual(['existing-users-only', true]);
    const wrong = loadConfig({ PROMPTGRIMOIRE_SIGNUP_POLICY: 'closed', PROMPTGRIMOIRE_INVITES_ENABLED: 'maybe' });
    expect(wrong.ok ? [] : wrong.errors).toEqual([
      'PROMPTGRIMOIRE_SIGNUP_POLICY must be one of open, existing-users-only, got "closed".',
      'PROMPTGRIMOIRE_INVITES_ENABLED must be true or false, got "maybe".',
    ]);
  });

  it('reads switches the way the relay does: true/false, 1/0, yes/no in any case', () => {
    for (const [raw, expected] of [['TRUE', true], ['1', true], ['yes', true], ['False', false], ['0', false], ['no', false], ['', false]] as const) {
      const result = loadConfig({ PROMPTGRIMOIRE_INVITES_ENABLED: raw });
      expect(result.ok && result.config.invitesEnabled, raw).toBe(expected);
    }
  });

  it('reads login-or-create, the relay\'s earlier name, as open', () => {
    for (const raw of ['open', 'login-or-create']) {
      const result = loadConfig({ PROMPTGRIMOIRE_SIGNUP_POLICY: raw });
      expect(result.ok && result.config.signUpPolicy, raw).toBe('open');
    }
    const typo = loadConfig({ PROMPTGRIMOIRE_SIGNUP_POLICY: 'login_or_create' });
    expect(typo.ok ? [] : typo.errors).toEqual(['PROMPTGRIMOIRE_SIGNUP_POLICY must be one of open, existing-users-only, got "login_or_create".']);
  });

  it("reads the invite expiry within Stytch's 5..10080 minutes, a week by default as in the seed", () => {
    expect(loadConfig({ PROMPTGRIMOIRE_INVITE_EXPIRATION_MINUTES: '1440' })).toMatchObject({ config: { inviteExpirationMinutes: 1440 } });
    expect(loadConfig({ PROMPTGRIMOIRE_INVITE_EXPIRATION_MINUTES: ' ' })).toMatchObject({ config: { inviteExpirationMinutes: 10080 } });
    for (const [raw, error] of [
      ['4', 'PROMPTGRIMOIRE_INVITE_EXPIRATION_MINUTES must be between 5 and 10080, got 4.'],
      ['10081', 'PROMPTGRIMOIRE_INVITE_EXPIRATION_MINUTES must be between 5 and 10080, got 10081.'],
      ['1e3', 'PROMPTGRIMOIRE_INVITE_EXPIRATION_MINUTES must be a whole number, got "1e3".'],
    ]) {
      const wrong = loadConfig({ PROMPTGRIMOIRE_INVITE_EXPIRATION_MINUTES: raw });
      expect(wrong.ok ? [] : wrong.errors).toEqual([error]);
    }
  });

  it('switches to relay mode with a relay URL and refuses a secret beside it', () => {
    const relay = loadConfig({ STYTCH_PROJECT_ID: 'project-live-abc', PROMPTGRIMOIRE_RELAY_URL: 'https://relay.example.org' });
    expect(relay.ok && relay.config).toMatchObject({ mode: 'relay', relayUrl: 'https://relay.example.org', stytch: { projectId: 'project-live-abc' } });
    expect(relay.ok && 'secret' in relay.config.stytch).toBe(false);
    const withSecret = loadConfig({
      STYTCH_PROJECT_ID: 'project-live-abc',
      STYTCH_SECRET: 'secret-live-xyz',
      PROMPTGRIMOIRE_RELAY_URL: 'https://relay.example.org',
    });
    expect(withSecret.ok ? [] : withSecret.errors).toEqual([
      'STYTCH_SECRET must not be set in relay mode: the relay holds the secret, the app carries none.',
    ]);
    expect(loadConfig({ PROMPTGRIMOIRE_RELAY_URL: 'https://relay.example.org' }).ok).toBe(false);
    expect(loadConfig({ STYTCH_PROJECT_ID: 'project-live-abc', PROMPTGRIMOIRE_RELAY_URL: 'http://relay.example.org' }).ok).toBe(false);
  });

  const packaged = {
    mode: 'relay' as const,
    stytch: { projectId: 'project-live-org', environment: 'live' as const },
    relayUrl: 'https://relay.example.org',
    sessionDurationMinutes: 720,
    signUpPolicy: 'existing-users-only' as const,
    invitesEnabled: true,
    channel: 'beta' as const,
    allowEnvironmentOverrides: false,
  };
  /** What another process of the same user could set to redirect an installed app. */
  const hostile = {
    STYTCH_PROJECT_ID: 'project-live-attacker',
    STYTCH_API_URL: 'https://stytch.attacker.example',
    PROMPTGRIMOIRE_RELAY_URL: 'https://relay.attacker.example',
    PROMPTGRIMOIRE_SESSION_DURATION_MINUTES: '60',
    PROMPTGRIMOIRE_INVITES_ENABLED: 'false',
    PROMPTGRIMOIRE_SIGNUP_POLICY: 'open',
    PROMPTGRIMOIRE_USER_DATA_DIR: '/tmp/elsewhere',
  };

  it('uses the packaged organisation settings', () => {
    const fromFile = loadConfig({}, { packaged });
    expect(fromFile.ok && fromFile.config).toMatchObject({
      mode: 'relay',
      relayUrl: 'https://relay.example.org',
      sessionDurationMinutes: 720,
      signUpPolicy: 'existing-users-only',
      invitesEnabled: true,
      channel: 'beta',
      environmentOverrides: 'ignored',
    });
  });

  it('a packaged build ignores every environment override of its project, endpoints and policy', () => {
    const result = loadConfig(hostile, { packaged });
    expect(result.ok && result.config).toMatchObject({
      mode: 'relay',
      stytch: { projectId: 'project-live-org' },
      relayUrl: 'https://relay.example.org',
      sessionDurationMinutes: 720,
      signUpPolicy: 'existing-users-only',
      invitesEnabled: true,
    });
    // Even a malformed override cannot stop an installed app from starting.
    expect(loadConfig({ PROMPTGRIMOIRE_STYTCH_TIMEOUT_MS: 'soon' }, { packaged }).ok).toBe(true);
  });

  it('a packaged build in direct mode still reads STYTCH_SECRET, the documented way not to bundle it', () => {
    const direct = { ...packaged, mode: 'direct' as const, relayUrl: undefined };
    const result = loadConfig({ ...hostile, STYTCH_SECRET: 'secret-live-runtime' }, { packaged: direct });
    expect(result.ok && result.config).toMatchObject({
      mode: 'direct',
      stytch: { projectId: 'project-live-org', secret: 'secret-live-runtime', baseUrl: undefined },
    });
  });

  it("support staff's test build (allowEnvironmentOverrides) and development runs let the environment win", () => {
    const overridden = loadConfig({ PROMPTGRIMOIRE_SESSION_DURATION_MINUTES: '60', PROMPTGRIMOIRE_INVITES_ENABLED: 'false' }, {
      packaged: { ...packaged, allowEnvironmentOverrides: true },
    });
    expect(overridden.ok && overridden.config).toMatchObject({ sessionDurationMinutes: 60, invitesEnabled: false, environmentOverrides: 'allowed' });
    const development = loadConfig({ PROMPTGRIMOIRE_SESSION_DURATION_MINUTES: '60' });
    expect(development.ok && development.config).toMatchObject({ sessionDurationMinutes: 60, environmentOverrides: 'development' });
  });

  it('clamps a session length above 90 days to 90 days with a warning, never refusing to start', () => {
    const result = loadConfig({ PROMPTGRIMOIRE_SESSION_DURATION_MINUTES: '527040' });
    expect(result).toMatchObject({
      ok: true,
      config: { sessionDurationMinutes: 129600 },
      warnings: [expect.stringContaining('longer than 129600 (90 days)') as unknown],
    });
    expect(loadConfig({ PROMPTGRIMOIRE_SESSION_DURATION_MINUTES: '129600' })).toMatchObject({ config: { sessionDurationMinutes: 129600 }, warnings: [] });
  });

  it('reads the idle timeout from the environment (development) or the app-config, off by default', () => {
    expect(loadConfig({ PROMPTGRIMOIRE_IDLE_TIMEOUT_MINUTES: '30' })).toMatchObject({ config: { idleTimeoutMinutes: 30 } });
    expect(loadConfig({}, { packaged: { ...packaged, idleTimeoutMinutes: 45 } })).toMatchObject({ config: { idleTimeoutMinutes: 45 } });
    expect(loadConfig({ PROMPTGRIMOIRE_IDLE_TIMEOUT_MINUTES: '1' }, { packaged })).toMatchObject({ config: { idleTimeoutMinutes: null } });
    const wrong = loadConfig({ PROMPTGRIMOIRE_IDLE_TIMEOUT_MINUTES: '0' });
    expect(wrong.ok ? [] : wrong.errors).toEqual(['PROMPTGRIMOIRE_IDLE_TIMEOUT_MINUTES must be between 1 and 10080, got 0.']);
  });
});

describe('loadConfig: crash reports', () => {
  it('sends none unless the packaged configuration names a server; no environment variable turns them on', () => {
    const none = loadConfig({});
    expect(none.ok && none.config.crashReportsUrl).toBeNull();
    const packaged = parsePackagedConfig(
      { mode: 'relay', stytch: { projectId: 'project-live-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', environment: 'live' }, relayUrl: 'https://relay.example.org', crashReports: { submitUrl: 'https://crashes.example.org/submit' } },
      { allowEmbeddedSecret: false },
    );
    if (!packaged.ok) throw new Error(packaged.errors.join('; '));
    const on = loadConfig({ PROMPTGRIMOIRE_CRASH_REPORTS_URL: 'https://elsewhere.example.org' }, { packaged: packaged.config });
    expect(on.ok && on.config.crashReportsUrl).toBe('https://crashes.example.org/submit');
  });
});
