// Pure pieces of the emulator: id and token formats, link building, PKCE challenge checks,
// faults, rate limit, clock and custom-claim merging.
import { describe, expect, it } from 'vitest';
import { EmulatorClock } from '../../../emulator/clock';
import { StytchApiError, errorBody } from '../../../emulator/errors';
import { Faults } from '../../../emulator/faults';
import { hasIdShape, newId, newToken, rfc3339 } from '../../../emulator/ids';
import { challengeField, deepLink, emailField, expirationField } from '../../../emulator/links';
import { RateLimiter } from '../../../emulator/rate-limit';
import { mergedClaims } from '../../../emulator/session-service';

function errorTypeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof StytchApiError ? error.errorType : 'not a StytchApiError';
  }
  return undefined;
}

describe('ids and tokens', () => {
  it('ids look like <kind>-test-<uuid v4>', () => {
    const id = newId('user');
    expect(id).toMatch(/^user-test-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(hasIdShape('user', id)).toBe(true);
    expect(hasIdShape('session', id)).toBe(false);
  });

  it('tokens are 44 unpadded base64url characters and do not repeat', () => {
    const tokens = new Set(Array.from({ length: 200 }, newToken));
    expect(tokens.size).toBe(200);
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{44}$/);
  });

  it('timestamps are RFC 3339 UTC at second precision', () => {
    expect(rfc3339(Date.UTC(2021, 7, 9, 7, 41, 52, 987))).toBe('2021-08-09T07:41:52Z');
  });
});

describe('errors', () => {
  it('bodies repeat status_code and carry the documented error_url', () => {
    const body = errorBody(401, 'unauthorized_credentials');
    expect(body).toMatchObject({ status_code: 401, error_type: 'unauthorized_credentials', error_message: 'Unauthorized credentials.' });
    expect(body.error_url).toBe('https://stytch.com/docs/api/errors/401#unauthorized_credentials');
    expect(new StytchApiError('pkce_mismatch').status).toBe(400);
  });
});

describe('links', () => {
  it('appends the token with ? or & as the redirect URL needs', () => {
    expect(deepLink('promptgrimoire://auth/callback', 'a+b')).toBe('promptgrimoire://auth/callback?stytch_token_type=magic_links&token=a%2Bb');
    expect(deepLink('https://x.example/cb?y=1', 't')).toBe('https://x.example/cb?y=1&stytch_token_type=magic_links&token=t');
  });

  it('accepts base64url SHA-256 challenges with or without padding and refuses others', () => {
    const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
    expect(challengeField({ code_challenge: challenge })).toBe(challenge);
    expect(challengeField({ code_challenge: `${challenge}=` })).toBe(challenge);
    expect(challengeField({})).toBeUndefined();
    expect(errorTypeOf(() => challengeField({ code_challenge: 'plain-verifier' }))).toBe('invalid_pkce_code_challenge');
    expect(errorTypeOf(() => challengeField({ code_challenge: `${challenge.slice(1)}+` }))).toBe('invalid_pkce_code_challenge');
  });

  it('checks expirations against 5..10080 and emails for shape', () => {
    expect(expirationField({}, 'm', 60)).toBe(60);
    expect(expirationField({ m: 5 }, 'm', 60)).toBe(5);
    expect(errorTypeOf(() => expirationField({ m: 10081 }, 'm', 60))).toBe('invalid_expiration');
    expect(errorTypeOf(() => expirationField({ m: 7.5 }, 'm', 60))).toBe('bad_request');
    expect(emailField({ email: ' a@b.co ' })).toBe('a@b.co');
    expect(errorTypeOf(() => emailField({ email: 'a@b' }))).toBe('invalid_email');
    expect(errorTypeOf(() => emailField({ email: 1 }))).toBe('bad_request');
  });
});

describe('faults', () => {
  it('applies each fault count times, oldest first, then lets requests through', () => {
    const faults = new Faults();
    faults.inject({ path: '/a', status: 500, count: 2 });
    faults.inject({ path: '/a', drop: true });
    expect(faults.take('/b')).toBeUndefined();
    expect(faults.take('/a')?.status).toBe(500);
    expect(faults.list()).toEqual([{ path: '/a', status: 500, count: 1 }, { path: '/a', drop: true, count: 1 }]);
    expect(faults.take('/a')?.status).toBe(500);
    expect(faults.take('/a')?.drop).toBe(true);
    expect(faults.take('/a')).toBeUndefined();
  });
});

describe('rate limiter', () => {
  it('allows one request per email per second when enabled, case-insensitively', () => {
    const limiter = new RateLimiter(true);
    limiter.check('A@b.co', 1000);
    expect(errorTypeOf(() => limiter.check('a@B.co', 1999))).toBe('too_many_requests');
    expect(errorTypeOf(() => limiter.check('other@b.co', 1999))).toBeUndefined();
    expect(errorTypeOf(() => limiter.check('a@b.co', 2000))).toBeUndefined();
    limiter.enabled = false;
    expect(errorTypeOf(() => limiter.check('a@b.co', 2000))).toBeUndefined();
  });
});

describe('clock', () => {
  it('only moves forward, by the seconds asked', () => {
    const clock = new EmulatorClock();
    const before = clock.now();
    clock.advance(3600);
    expect(clock.now() - before).toBeGreaterThanOrEqual(3600 * 1000);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    clock.reset();
    expect(clock.now() - Date.now()).toBeLessThan(50);
  });
});

describe('custom claims', () => {
  it('merges, deletes on null and refuses more than 4 KB', () => {
    expect(mergedClaims({ a: 1, b: 2 }, { b: null, c: 3 })).toEqual({ a: 1, c: 3 });
    expect(mergedClaims({ a: 1 }, undefined)).toEqual({ a: 1 });
    expect(errorTypeOf(() => mergedClaims({}, { big: 'x'.repeat(4100) }))).toBe('custom_claims_too_large');
  });
});
