// Security gate for the local JWT check: what an attacker can put in a token's header or in
// the stored key set never yields ok, and each refusal has the verdict it deserves. Beside
// each attack, the innocent token that must still pass.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JWT_CHARS, verifyJwtLocally } from '../../../main/auth/jwt-verify';
import { attacker, EXPECT, jwt, keyPair, NOW, ours } from './jwt-fixtures';

const check = (token: string, keys = [ours.jwk]) => verifyJwtLocally(token, keys, NOW, EXPECT);

describe('local JWT check against a hostile token', () => {
  it('refuses alg none, and alg confusion: HS256 keyed with our public key in any encoding', async () => {
    const spki = Buffer.from(ours.publicKey.export({ type: 'spki', format: 'pem' }));
    const pkcs1 = Buffer.from(ours.publicKey.export({ type: 'pkcs1', format: 'pem' }));
    const jwkText = Buffer.from(JSON.stringify(ours.jwk));
    for (const secret of [spki, pkcs1, jwkText, Buffer.from(ours.jwk.n, 'base64url')]) {
      expect(await check(jwt({ header: { alg: 'HS256' }, hmacSecret: secret }))).toMatchObject({ ok: false, verdict: 'invalid' });
    }
    expect(await check(jwt({ header: { alg: 'none' } }).replace(/[^.]+$/, ''))).toMatchObject({ ok: false, verdict: 'invalid' });
    expect(await check(jwt())).toMatchObject({ ok: true });
  });

  it('refuses a token our own key signed with another algorithm than RS256', async () => {
    expect(await check(jwt({ header: { alg: 'RS512' }, digest: 'sha512' }))).toMatchObject({ ok: false, verdict: 'invalid' });
    const rs512Key = { ...ours.jwk, alg: undefined };
    expect(await check(jwt({ header: { alg: 'RS512' }, digest: 'sha512' }), [rs512Key])).toMatchObject({ ok: false, verdict: 'invalid' });
  });

  it('treats an injected kid as an unknown key (Stytch decides), never as a match', async () => {
    for (const kid of ['../../../../etc/passwd', "' OR '1'='1", '__proto__', 'constructor', '', `${ours.jwk.kid}\u0000`, 'x'.repeat(10_000)]) {
      expect(await check(jwt({ header: { kid } }))).toMatchObject({ ok: false, verdict: 'unverifiable' });
    }
    for (const kid of [42, null, [ours.jwk.kid], { toString: ours.jwk.kid }]) {
      expect((await check(jwt({ header: { kid } }))).ok).toBe(false);
    }
    // Our kid on a token another key signed: the key we hold decides, definitively.
    expect(await check(jwt({ signer: attacker.privateKey }))).toMatchObject({ verdict: 'invalid', detail: 'bad signature' });
  });

  it('refuses an unknown critical header and an unencoded (b64: false) payload, even under our signature', async () => {
    expect(await check(jwt({ header: { crit: ['https://example.com/must-understand'], 'https://example.com/must-understand': true } }))).toMatchObject({
      ok: false,
      verdict: 'invalid',
    });
    expect(await check(jwt({ header: { crit: ['exp'], exp: 0 } }))).toMatchObject({ ok: false, verdict: 'invalid' });
    const raw = JSON.stringify({ sub: 'user-test-1' });
    expect(await check(jwt({ header: { b64: false, crit: ['b64'] }, rawPayload: raw }))).toMatchObject({ ok: false, verdict: 'invalid' });
    // Without crit, b64 is an unknown member (RFC 7797 §6): the payload is read as base64url as always.
    expect(await check(jwt({ header: { b64: false } }))).toMatchObject({ ok: true });
  });

  it('refuses a typ other than JWT under our signature', async () => {
    expect(await check(jwt({ header: { typ: 'at+jwt' } }))).toMatchObject({ ok: false, verdict: 'invalid', detail: 'unexpected JWT header' });
    expect(await check(jwt({ header: { typ: undefined } }))).toMatchObject({ ok: false, verdict: 'invalid' });
  });

  it('refuses an oversized token before parsing it, and accepts a large honest one', async () => {
    expect(await check(jwt({ claims: { padding: 'x'.repeat(MAX_JWT_CHARS) } }))).toMatchObject({ ok: false, verdict: 'invalid', detail: 'JWT too large' });
    expect(await check(`${'a'.repeat(10 * MAX_JWT_CHARS)}.b.c`)).toMatchObject({ ok: false, verdict: 'invalid', detail: 'JWT too large' });
    // Stytch caps custom claims at 4 KB; with the session claim and attributes that stays far below the limit.
    expect(await check(jwt({ claims: { custom: 'y'.repeat(4096) } }))).toMatchObject({ ok: true });
  });
});

describe('local JWT check never fetches or trusts a key a token points at', () => {
  let server: Server;
  let url = '';
  let hits = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [{ ...attacker.jwk, kid: 'jwk-test-attacker' }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('ignores jku, x5u and an embedded jwk: the attacker-signed token is refused and nothing is requested', async () => {
    const embedded = { kty: 'RSA', n: attacker.jwk.n, e: attacker.jwk.e };
    for (const header of [{ jku: url }, { x5u: url }, { jwk: embedded }, { jku: url, kid: 'jwk-test-attacker' }, { jwk: embedded, kid: undefined }]) {
      const verdict = await check(jwt({ header, signer: attacker.privateKey }));
      expect(verdict.ok).toBe(false);
      expect(verdict).not.toMatchObject({ verdict: 'expired' });
    }
    expect(hits).toBe(0);
    // The same headers on a token we signed do no harm: the stored key decides.
    expect(await check(jwt({ header: { jku: url } }))).toMatchObject({ ok: true });
    expect(hits).toBe(0);
  });
});

describe('local JWT check against a hostile stored key set', () => {
  it('refuses to use a stored key with private members, leaving the decision to Stytch', async () => {
    const { d = '', p = '', q = '', dp = '', dq = '', qi = '' } = ours.privateKey.export({ format: 'jwk' });
    const withPrivate = { ...ours.jwk, d, p, q, dp, dq, qi };
    expect(await check(jwt(), [withPrivate])).toMatchObject({ ok: false, verdict: 'unverifiable', detail: 'unusable signing key' });
    expect(await check(jwt({ signer: attacker.privateKey }), [withPrivate])).toMatchObject({ ok: false });
  });

  it('refuses keys under 2048 bits, malformed keys, and keys meant for something else', async () => {
    const weak = keyPair(ours.jwk.kid, 1024);
    expect(await check(jwt({ signer: weak.privateKey }), [weak.jwk])).toMatchObject({ ok: false, verdict: 'unverifiable', detail: 'unusable signing key' });
    expect(await check(jwt(), [{ ...ours.jwk, n: 'not-a-modulus' }])).toMatchObject({ ok: false, verdict: 'unverifiable' });
    expect(await check(jwt(), [{ ...ours.jwk, use: 'enc' }])).toMatchObject({ ok: false, verdict: 'unverifiable' });
    expect(await check(jwt(), [{ ...ours.jwk, key_ops: ['encrypt'] }])).toMatchObject({ ok: false, verdict: 'unverifiable' });
    expect(await check(jwt(), [{ ...ours.jwk, alg: 'RS512' }])).toMatchObject({ ok: false, verdict: 'unverifiable' });
    expect(await check(jwt(), [{ ...ours.jwk, kty: 'oct' }])).toMatchObject({ ok: false, verdict: 'unverifiable' });
  });

  it('never rejects, whatever the stored set holds', async () => {
    const junk = [null, 42, 'key', {}, { kty: 'RSA' }] as unknown as (typeof ours.jwk)[];
    for (const key of junk) {
      await expect(check(jwt(), [key])).resolves.toMatchObject({ ok: false, verdict: 'unverifiable' });
    }
    // A stray entry that no kid selects does not spoil the good key beside it.
    await expect(check(jwt(), [{ kty: 'RSA' } as unknown as typeof ours.jwk, ours.jwk])).resolves.toMatchObject({ ok: true });
  });
});
