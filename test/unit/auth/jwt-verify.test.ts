// The local JWT check says how sure a failure is: a key we hold rejecting the signature, or a
// token for another project, is definitive; a kid we have no key for, no keys at all, or a
// clock behind nbf is only "unverifiable"; a good signature past exp is "expired".
import { describe, expect, it } from 'vitest';
import { stytchJwtExpectations, verifyJwtLocally } from '../../../main/auth/jwt-verify';
import { attacker, claims, EXPECT, jwt, keyPair, NOW, ours, PROJECT } from './jwt-fixtures';

describe('verifyJwtLocally', () => {
  it('verifies a JWT signed by a key we hold, for our project, in time', async () => {
    expect(await verifyJwtLocally(jwt(), [ours.jwk], NOW, EXPECT)).toEqual({
      ok: true,
      value: { sessionId: 'session-test-1', userId: 'user-test-1', sessionExpiresAt: '2030-01-08T00:00:00Z', jwtExpiresAtMs: NOW + 240_000 },
    });
  });

  it('calls a good signature past exp expired, not invalid', async () => {
    expect(await verifyJwtLocally(jwt(), [ours.jwk], NOW + 300_000, EXPECT)).toMatchObject({ ok: false, verdict: 'expired' });
  });

  it('is definitive when a key we hold rejects the signature (a changed payload or another signer)', async () => {
    const [header, , signature] = jwt().split('.');
    const forged = Buffer.from(JSON.stringify(claims({ sub: 'user-test-someone-else' }))).toString('base64url');
    expect(await verifyJwtLocally(`${header}.${forged}.${signature}`, [ours.jwk], NOW, EXPECT)).toMatchObject({ ok: false, verdict: 'invalid' });
    expect(await verifyJwtLocally(jwt({ signer: attacker.privateKey }), [ours.jwk], NOW, EXPECT)).toMatchObject({
      ok: false,
      verdict: 'invalid',
      detail: 'bad signature',
    });
  });

  it('is definitive for a well-signed token of another project (audience or issuer)', async () => {
    expect(await verifyJwtLocally(jwt({ claims: { aud: ['project-test-other'] } }), [ours.jwk], NOW, EXPECT)).toMatchObject({
      verdict: 'invalid',
      detail: 'wrong audience',
    });
    expect(await verifyJwtLocally(jwt({ claims: { iss: 'stytch.com/project-test-other' } }), [ours.jwk], NOW, EXPECT)).toMatchObject({
      verdict: 'invalid',
      detail: 'wrong issuer',
    });
    expect(await verifyJwtLocally(jwt({ claims: { iss: undefined } }), [ours.jwk], NOW, EXPECT)).toMatchObject({ verdict: 'invalid', detail: 'wrong issuer' });
    expect(await verifyJwtLocally(jwt({ claims: { aud: undefined } }), [ours.jwk], NOW, EXPECT)).toMatchObject({ verdict: 'invalid', detail: 'wrong audience' });
  });

  it('accepts every issuer the expectations name: Stytch, and the API base URL', async () => {
    const expect2 = stytchJwtExpectations(PROJECT, 'http://127.0.0.1:4010');
    expect(expect2.issuers).toEqual([`stytch.com/${PROJECT}`, 'http://127.0.0.1:4010']);
    expect(await verifyJwtLocally(jwt({ claims: { iss: 'http://127.0.0.1:4010', aud: PROJECT } }), [ours.jwk], NOW, expect2)).toMatchObject({ ok: true });
  });

  it('is definitive for an unsigned or garbled token', async () => {
    const [, payload] = jwt().split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    expect(await verifyJwtLocally(none, [ours.jwk], NOW, EXPECT)).toMatchObject({ verdict: 'invalid' });
    expect(await verifyJwtLocally('not-a-jwt', [ours.jwk], NOW, EXPECT)).toMatchObject({ verdict: 'invalid' });
    expect(await verifyJwtLocally('a.b.c.d.e', [ours.jwk], NOW, EXPECT)).toMatchObject({ verdict: 'invalid' });
    expect(await verifyJwtLocally('%%%.%%%.%%%', [ours.jwk], NOW, EXPECT)).toMatchObject({ verdict: 'invalid' });
  });

  it('is definitive for a good signature over a token that names no session', async () => {
    expect(await verifyJwtLocally(jwt({ claims: { 'https://stytch.com/session': undefined } }), [ours.jwk], NOW, EXPECT)).toMatchObject({
      verdict: 'invalid',
      detail: 'missing session claims',
    });
    expect(await verifyJwtLocally(jwt({ claims: { 'https://stytch.com/session': {} } }), [ours.jwk], NOW, EXPECT)).toMatchObject({
      verdict: 'invalid',
      detail: 'missing session id',
    });
    expect(await verifyJwtLocally(jwt({ claims: { sub: undefined } }), [ours.jwk], NOW, EXPECT)).toMatchObject({ verdict: 'invalid' });
    // Past exp or before nbf does not soften that: a token naming no session is never "expired".
    expect(await verifyJwtLocally(jwt({ claims: { 'https://stytch.com/session': undefined } }), [ours.jwk], NOW + 300_000, EXPECT)).toMatchObject({
      verdict: 'invalid',
    });
    expect(await verifyJwtLocally(jwt({ claims: { sub: undefined } }), [ours.jwk], NOW - 120_000, EXPECT)).toMatchObject({ verdict: 'invalid' });
  });

  it('leaves the decision to Stytch when no stored key has its kid (rotation) or no keys are stored', async () => {
    expect(await verifyJwtLocally(jwt({ header: { kid: 'jwk-test-rotated' } }), [ours.jwk], NOW, EXPECT)).toMatchObject({
      ok: false,
      verdict: 'unverifiable',
      detail: 'no stored key for this kid',
    });
    expect(await verifyJwtLocally(jwt(), [], NOW, EXPECT)).toMatchObject({ ok: false, verdict: 'unverifiable', detail: 'no signing keys stored' });
  });

  it('finds the key among several stored ones, by kid or, without a kid, by the signature', async () => {
    const other = keyPair('jwk-test-other');
    expect(await verifyJwtLocally(jwt(), [other.jwk, ours.jwk], NOW, EXPECT)).toMatchObject({ ok: true });
    const noKid = jwt({ header: { kid: undefined } });
    expect(await verifyJwtLocally(noKid, [other.jwk, ours.jwk], NOW, EXPECT)).toMatchObject({ ok: true });
    expect(await verifyJwtLocally(noKid, [ours.jwk], NOW, EXPECT)).toMatchObject({ ok: true });
    expect(await verifyJwtLocally(jwt({ header: { kid: undefined }, signer: attacker.privateKey }), [other.jwk, ours.jwk], NOW, EXPECT)).toMatchObject({
      verdict: 'invalid',
      detail: 'bad signature',
    });
  });

  it('blames a clock behind nbf on the clock, not on the token', async () => {
    expect(await verifyJwtLocally(jwt(), [ours.jwk], NOW - 120_000, EXPECT)).toMatchObject({ ok: false, verdict: 'unverifiable' });
  });

  it('draws the time lines exactly, with no tolerance: exp is the first second it fails, nbf the first it passes', async () => {
    const at = (offsetS: number) => NOW + offsetS * 1000;
    const token = jwt({ claims: { nbf: NOW / 1000, exp: NOW / 1000 + 10 } });
    expect(await verifyJwtLocally(token, [ours.jwk], at(0), EXPECT)).toMatchObject({ ok: true });
    expect(await verifyJwtLocally(token, [ours.jwk], at(-0.001), EXPECT)).toMatchObject({ verdict: 'unverifiable' });
    expect(await verifyJwtLocally(token, [ours.jwk], at(9.999), EXPECT)).toMatchObject({ ok: true });
    expect(await verifyJwtLocally(token, [ours.jwk], at(10), EXPECT)).toMatchObject({ verdict: 'expired' });
    // iat only says when it was issued: one ahead of our clock is not a reason to refuse.
    expect(await verifyJwtLocally(jwt({ claims: { iat: NOW / 1000 + 30 } }), [ours.jwk], NOW, EXPECT)).toMatchObject({ ok: true });
    expect(await verifyJwtLocally(jwt({ claims: { exp: 'later' } }), [ours.jwk], NOW, EXPECT)).toMatchObject({ verdict: 'invalid' });
    expect(await verifyJwtLocally(jwt({ claims: { exp: undefined } }), [ours.jwk], NOW, EXPECT)).toMatchObject({ verdict: 'invalid' });
  });

  it('accepts keys as Stytch publishes them, extra members and all', async () => {
    const published = { ...ours.jwk, x5c: [], x5tS256: '' };
    expect(await verifyJwtLocally(jwt(), [published], NOW, EXPECT)).toMatchObject({ ok: true });
    const bare = { kty: 'RSA', kid: ours.jwk.kid, n: ours.jwk.n, e: ours.jwk.e };
    expect(await verifyJwtLocally(jwt(), [bare], NOW, EXPECT)).toMatchObject({ ok: true });
  });
});
