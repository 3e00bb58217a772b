// The local JWT check says how sure a failure is: a key we hold rejecting the signature, or a
// token for another project, is definitive; a kid we have no key for, no keys at all, or a
// clock behind nbf is only "unverifiable"; a good signature past exp is "expired".
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyJwtLocally } from '../../../main/auth/jwt-verify';
import type { PublicJwk } from '../../../main/auth/stytch-gateway';

const PROJECT = 'project-test-11111111-1111-4111-8111-111111111111';
const EXPECT = { projectId: PROJECT, issuers: [`stytch.com/${PROJECT}`] };
const NOW = Date.parse('2030-01-01T00:00:00Z');

function keyPair(kid: string): { privateKey: KeyObject; jwk: PublicJwk } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const { n = '', e = '' } = publicKey.export({ format: 'jwk' });
  return { privateKey, jwk: { kty: 'RSA', kid, n, e, alg: 'RS256', use: 'sig', key_ops: ['verify'] } };
}

const ours = keyPair('jwk-test-ours');
const attacker = keyPair('jwk-test-ours');

function jwt(claims: Record<string, unknown> = {}, signer = ours.privateKey, kid = 'jwk-test-ours'): string {
  const seconds = NOW / 1000;
  const payload = {
    iss: `stytch.com/${PROJECT}`,
    aud: [PROJECT],
    sub: 'user-test-1',
    iat: seconds - 60,
    nbf: seconds - 60,
    exp: seconds + 240,
    'https://stytch.com/session': { id: 'session-test-1', expires_at: '2030-01-08T00:00:00Z' },
    ...claims,
  };
  const input = `${Buffer.from(JSON.stringify({ alg: 'RS256', kid, typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${input}.${sign('sha256', Buffer.from(input), signer).toString('base64url')}`;
}

describe('verifyJwtLocally', () => {
  it('verifies a JWT signed by a key we hold, for our project, in time', () => {
    expect(verifyJwtLocally(jwt(), [ours.jwk], NOW, EXPECT)).toEqual({
      ok: true,
      value: { sessionId: 'session-test-1', userId: 'user-test-1', sessionExpiresAt: '2030-01-08T00:00:00Z', jwtExpiresAtMs: NOW + 240_000 },
    });
  });

  it('calls a good signature past exp expired, not invalid', () => {
    expect(verifyJwtLocally(jwt(), [ours.jwk], NOW + 300_000, EXPECT)).toMatchObject({ ok: false, verdict: 'expired' });
  });

  it('is definitive when a key we hold rejects the signature (a changed payload or another signer)', () => {
    const [header, , signature] = jwt().split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'user-test-someone-else' })).toString('base64url');
    expect(verifyJwtLocally(`${header}.${forged}.${signature}`, [ours.jwk], NOW, EXPECT)).toMatchObject({ ok: false, verdict: 'invalid' });
    expect(verifyJwtLocally(jwt({}, attacker.privateKey), [ours.jwk], NOW, EXPECT)).toMatchObject({
      ok: false,
      verdict: 'invalid',
      detail: 'bad signature',
    });
  });

  it('is definitive for a well-signed token of another project (audience or issuer)', () => {
    expect(verifyJwtLocally(jwt({ aud: ['project-test-other'] }), [ours.jwk], NOW, EXPECT)).toMatchObject({ verdict: 'invalid', detail: 'wrong audience' });
    expect(verifyJwtLocally(jwt({ iss: 'stytch.com/project-test-other' }), [ours.jwk], NOW, EXPECT)).toMatchObject({
      verdict: 'invalid',
      detail: 'wrong issuer',
    });
  });

  it('is definitive for an unsigned or garbled token', () => {
    const [, payload] = jwt().split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    expect(verifyJwtLocally(none, [ours.jwk], NOW, EXPECT)).toMatchObject({ verdict: 'invalid' });
    expect(verifyJwtLocally('not-a-jwt', [ours.jwk], NOW, EXPECT)).toMatchObject({ verdict: 'invalid' });
  });

  it('leaves the decision to Stytch when no stored key has its kid (rotation) or no keys are stored', () => {
    expect(verifyJwtLocally(jwt({}, ours.privateKey, 'jwk-test-rotated'), [ours.jwk], NOW, EXPECT)).toMatchObject({
      ok: false,
      verdict: 'unverifiable',
    });
    expect(verifyJwtLocally(jwt(), [], NOW, EXPECT)).toMatchObject({ ok: false, verdict: 'unverifiable' });
  });

  it('blames a clock behind nbf on the clock, not on the token', () => {
    expect(verifyJwtLocally(jwt(), [ours.jwk], NOW - 120_000, EXPECT)).toMatchObject({ ok: false, verdict: 'unverifiable' });
  });
});
