import { describe, expect, it } from 'vitest';
import { EMBEDDED_EMULATOR_FALLBACK, loadConfig } from '../../main/config';

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
      },
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
});
