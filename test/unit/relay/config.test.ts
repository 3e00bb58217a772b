import { describe, expect, it } from 'vitest';
import { CALLBACK_URL } from '../../../common/stytch/constants';
import { RELAY_DEFAULTS } from '../../../relay/config';
import { loadRelayConfig } from '../../../relay/config-env';

const valid = { RELAY_STYTCH_PROJECT_ID: 'project-test-abc', RELAY_STYTCH_SECRET: 'secret-test-xyz' };

function errorsFor(env: Record<string, string>): string[] {
  const result = loadRelayConfig(env);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

describe('relay config from the environment', () => {
  it('applies the defaults: loopback, open sign-up, invites off, one-week sessions', () => {
    const result = loadRelayConfig(valid);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.config).toMatchObject({
      host: '127.0.0.1',
      port: RELAY_DEFAULTS.port,
      callbackUrl: CALLBACK_URL,
      signupPolicy: 'open',
      invitesEnabled: false,
      sessionDurationMinutes: 10080,
      loginExpirationMinutes: 60,
      trustProxyHops: 0,
      maxBodyBytes: 16 * 1024,
      stytch: { projectId: 'project-test-abc', secret: 'secret-test-xyz', apiUrl: undefined, timeoutMs: 10_000 },
      rateLimits: { perIp: { limit: 60, windowSeconds: 60 }, perEmail: { limit: 10, windowSeconds: 3600 } },
    });
  });

  it('reads every variable', () => {
    const result = loadRelayConfig({
      ...valid,
      RELAY_STYTCH_API_URL: 'http://127.0.0.1:4578/',
      RELAY_STYTCH_TIMEOUT_MS: '2500',
      RELAY_PORT: '0',
      RELAY_HOST: '0.0.0.0',
      RELAY_SIGNUP_POLICY: 'existing-users-only',
      RELAY_INVITES_ENABLED: 'true',
      RELAY_SESSION_DURATION_MINUTES: '43200',
      RELAY_LOGIN_EXPIRATION_MINUTES: '15',
      RELAY_SIGNUP_EXPIRATION_MINUTES: '30',
      RELAY_TRUST_PROXY: '2',
      RELAY_RATE_LIMIT_IP_PER_MINUTE: '5',
      RELAY_RATE_LIMIT_EMAIL_PER_HOUR: '3',
      RELAY_RATE_LIMIT_EMAIL_OVERALL_PER_HOUR: '12',
      RELAY_RATE_LIMIT_USER_PER_MINUTE: '7',
      RELAY_LIMIT_TABLE_MAX_KEYS: '5000',
      RELAY_UPSTREAM_MAX_CONCURRENT: '8',
      RELAY_REDIS_URL: 'redis://127.0.0.1:6380/2',
      RELAY_METRICS_PORT: '9464',
      RELAY_SHUTDOWN_GRACE_MS: '2000',
    });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.config).toMatchObject({
      host: '0.0.0.0',
      port: 0,
      signupPolicy: 'existing-users-only',
      invitesEnabled: true,
      sessionDurationMinutes: 43200,
      loginExpirationMinutes: 15,
      signupExpirationMinutes: 30,
      trustProxyHops: 2,
      stytch: { apiUrl: 'http://127.0.0.1:4578', timeoutMs: 2500, maxConcurrent: 8 },
      rateLimits: {
        perIp: { limit: 5, windowSeconds: 60 },
        perEmail: { limit: 3, windowSeconds: 3600 },
        perEmailOverall: { limit: 12, windowSeconds: 3600 },
        perUser: { limit: 7, windowSeconds: 60 },
      },
      limitTableMaxKeys: 5000,
      redisUrl: 'redis://127.0.0.1:6380/2',
      metricsPort: 9464,
      shutdownGraceMs: 2000,
      notices: [],
    });
  });

  it('clamps a session longer than 90 days, with a notice the relay logs', () => {
    const result = loadRelayConfig({ ...valid, RELAY_SESSION_DURATION_MINUTES: '527040' });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.config.sessionDurationMinutes).toBe(129_600);
    expect(result.config.notices).toEqual([expect.stringContaining('longer than 90 days') as unknown]);
  });

  it('refuses a Redis URL of another scheme without echoing it (it may hold a password)', () => {
    expect(errorsFor({ ...valid, RELAY_REDIS_URL: 'http://user:hunter22@cache:6379' })).toEqual([
      'RELAY_REDIS_URL must start with redis:// or rediss://.',
    ]);
    expect(errorsFor({ ...valid, RELAY_REDIS_URL: 'not a url :hunter22' })).toEqual(['RELAY_REDIS_URL is not a URL.']);
  });

  it('names each missing credential', () => {
    expect(errorsFor({})).toEqual(['RELAY_STYTCH_PROJECT_ID is required.', 'RELAY_STYTCH_SECRET is required.']);
  });

  it('reports every wrong variable at once, one message each', () => {
    const errors = errorsFor({
      ...valid,
      RELAY_PORT: 'eighty',
      RELAY_SESSION_DURATION_MINUTES: '1',
      RELAY_LOGIN_EXPIRATION_MINUTES: '99999',
      RELAY_SIGNUP_POLICY: 'anyone',
      RELAY_INVITES_ENABLED: 'maybe',
      RELAY_TRUST_PROXY: 'all',
      RELAY_HOST: 'bad host!',
    });
    expect(errors).toEqual([
      'RELAY_PORT must be a whole number, got "eighty".',
      'RELAY_HOST must be a host name or IP address, got "bad host!".',
      'RELAY_SIGNUP_POLICY must be one of open, existing-users-only, got "anyone".',
      'RELAY_INVITES_ENABLED must be true or false, got "maybe".',
      'RELAY_SESSION_DURATION_MINUTES must be between 5 and 100000000, got 1.',
      'RELAY_LOGIN_EXPIRATION_MINUTES must be between 5 and 10080, got 99999.',
      'RELAY_TRUST_PROXY must be false, true (one proxy) or the number of proxies in front of the relay (0-10), got "all".',
    ]);
  });

  it('refuses a plain-http API URL off loopback, and one with a path the SDK would drop', () => {
    expect(errorsFor({ ...valid, RELAY_STYTCH_API_URL: 'http://stytch.example.com' })).toEqual([
      'RELAY_STYTCH_API_URL must use https (plain http is allowed only for 127.0.0.1, localhost or [::1]), got "http://stytch.example.com".',
    ]);
    expect(errorsFor({ ...valid, RELAY_STYTCH_API_URL: 'https://stytch.example.com/v1' })).toEqual([
      'RELAY_STYTCH_API_URL must be a bare origin such as https://stytch.example.com, got "https://stytch.example.com/v1".',
    ]);
    expect(errorsFor({ ...valid, RELAY_STYTCH_API_URL: 'not a url' })).toEqual(['RELAY_STYTCH_API_URL is not a URL: "not a url".']);
  });

  it('against real Stytch, checks the credential shapes agree — without ever echoing the secret', () => {
    const errors = errorsFor({ RELAY_STYTCH_PROJECT_ID: 'project-live-abc', RELAY_STYTCH_SECRET: 'secret-test-very-private' });
    expect(errors).toEqual(['RELAY_STYTCH_PROJECT_ID is a live project but RELAY_STYTCH_SECRET is a test secret.']);
    const shaped = errorsFor({ RELAY_STYTCH_PROJECT_ID: 'abc', RELAY_STYTCH_SECRET: 'hunter2-but-longer' });
    expect(shaped).toEqual([
      'RELAY_STYTCH_PROJECT_ID must look like project-test-… or project-live-….',
      'RELAY_STYTCH_SECRET must look like secret-test-… or secret-live-….',
    ]);
    expect(shaped.join(' ')).not.toContain('hunter2');
    // A custom API (the emulator) may use any credential shape.
    expect(loadRelayConfig({ RELAY_STYTCH_PROJECT_ID: 'abc', RELAY_STYTCH_SECRET: 'def', RELAY_STYTCH_API_URL: 'http://localhost:1' }).ok).toBe(true);
  });

  it('accepts the usual spellings of booleans and of proxy trust', () => {
    for (const [raw, expected] of [['TRUE', true], ['1', true], ['no', false], ['', false]] as const) {
      const result = loadRelayConfig({ ...valid, RELAY_INVITES_ENABLED: raw });
      expect(result.ok && result.config.invitesEnabled, raw).toBe(expected);
    }
    for (const [raw, hops] of [['true', 1], ['false', 0], ['3', 3]] as const) {
      const result = loadRelayConfig({ ...valid, RELAY_TRUST_PROXY: raw });
      expect(result.ok && result.config.trustProxyHops, raw).toBe(hops);
    }
  });

  it('reads login-or-create, the earlier name of open, so deployed relays keep their policy', () => {
    for (const raw of ['open', 'login-or-create', ' login-or-create ']) {
      const result = loadRelayConfig({ ...valid, RELAY_SIGNUP_POLICY: raw });
      expect(result.ok && result.config.signupPolicy, raw).toBe('open');
    }
    const closed = loadRelayConfig({ ...valid, RELAY_SIGNUP_POLICY: 'existing-users-only' });
    expect(closed.ok && closed.config.signupPolicy).toBe('existing-users-only');
    // Near misses are refused, not guessed: a typo must not open sign-up to anyone.
    for (const raw of ['Login-Or-Create', 'login_or_create', 'OPEN', 'existing-users']) {
      expect(errorsFor({ ...valid, RELAY_SIGNUP_POLICY: raw }), raw).toEqual([`RELAY_SIGNUP_POLICY must be one of open, existing-users-only, got "${raw}".`]);
    }
  });

  it('reports credential and variable problems together, and treats blank as unset', () => {
    expect(errorsFor({ RELAY_STYTCH_PROJECT_ID: ' ', RELAY_PORT: '70000' })).toEqual([
      'RELAY_STYTCH_PROJECT_ID is required.',
      'RELAY_STYTCH_SECRET is required.',
      'RELAY_PORT must be between 0 and 65535, got 70000.',
    ]);
    const blank = loadRelayConfig({ ...valid, RELAY_PORT: '  ', RELAY_SIGNUP_POLICY: '' });
    expect(blank.ok && [blank.config.port, blank.config.signupPolicy]).toEqual([RELAY_DEFAULTS.port, 'open']);
  });
});
