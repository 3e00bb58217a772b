// Fuzzing the local JWT check: hostile text, hostile headers and claims signed by keys we do
// not hold, and our own token with one edit. Nothing rejects, every answer is one of the
// three verdicts or ok, and ok only ever comes back for the very bytes we signed.
import { createHmac, sign } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyJwtLocally, type JwtCheckResult } from '../../../main/auth/jwt-verify';
import { attacker, claims, EXPECT, jwt, NOW, ours } from '../auth/jwt-fixtures';
import { FUZZ_TIMEOUT, fuzzSeed } from './fuzz-runs';

const where = (label: string) => ({ file: import.meta.filename, label });
const VERDICTS = new Set(['invalid', 'unverifiable', 'expired']);
const check = (token: string) => verifyJwtLocally(token, [ours.jwk], NOW, EXPECT);

function wellFormed(result: JwtCheckResult): boolean {
  return result.ok ? typeof result.value.sessionId === 'string' : VERDICTS.has(result.verdict) && typeof result.detail === 'string';
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jsonValueArb = fc.jsonValue({ maxDepth: 2 });
const headerArb = fc.record(
  {
    alg: fc.oneof(fc.constantFrom('RS256', 'HS256', 'none', 'RS512', 'PS256', 'ES256', 'rs256', ''), jsonValueArb),
    kid: fc.oneof(fc.constant(ours.jwk.kid), fc.string(), jsonValueArb),
    typ: fc.oneof(fc.constantFrom('JWT', 'jwt', 'at+jwt'), jsonValueArb),
    crit: fc.oneof(fc.constant(['b64']), fc.array(fc.string(), { maxLength: 3 }), jsonValueArb),
    b64: fc.oneof(fc.boolean(), jsonValueArb),
    jku: fc.constant('http://127.0.0.1:9/jwks.json'),
    jwk: fc.constant({ kty: 'RSA', n: attacker.jwk.n, e: attacker.jwk.e }),
  },
  { requiredKeys: [] },
);
const claimsArb = fc.oneof(
  fc.dictionary(fc.constantFrom('iss', 'aud', 'sub', 'exp', 'nbf', 'iat', 'https://stytch.com/session'), jsonValueArb).map((overrides) => claims(overrides)),
  jsonValueArb,
);

describe('local JWT check under fuzzing', () => {
  it('answers hostile text with a verdict, never ok and never a rejection', FUZZ_TIMEOUT, async () => {
    const runs = fuzzSeed(0x6a77_7401, 2_000, where('hostile text'));
    const dotted = fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.'));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary' }), dotted), async (token) => {
        const result = await check(token);
        expect(wellFormed(result)).toBe(true);
        expect(result.ok).toBe(false);
      }),
      runs,
    );
  });

  it('never says ok to a header and claims signed by anyone but a key we hold', FUZZ_TIMEOUT, async () => {
    const runs = fuzzSeed(0x6a77_7402, 1_000, where('forged signers'));
    const pem = ours.publicKey.export({ type: 'spki', format: 'pem' });
    await fc.assert(
      fc.asyncProperty(headerArb, claimsArb, fc.constantFrom('attacker', 'hmac-with-our-public-key', 'none'), async (header, body, signer) => {
        const input = `${b64(header)}.${b64(body)}`;
        const signature =
          signer === 'attacker'
            ? sign('sha256', Buffer.from(input), attacker.privateKey).toString('base64url')
            : signer === 'hmac-with-our-public-key'
              ? createHmac('sha256', pem).update(input).digest('base64url')
              : '';
        const result = await check(`${input}.${signature}`);
        expect(wellFormed(result)).toBe(true);
        expect(result.ok).toBe(false);
      }),
      runs,
    );
  });

  it('says ok to our token with one edit only when the edit left every decoded byte as signed', FUZZ_TIMEOUT, async () => {
    const runs = fuzzSeed(0x6a77_7403, 2_000, where('one edit'));
    const token = jwt();
    const decoded = (t: string) => t.split('.').map((part) => Buffer.from(part, 'base64url').toString('hex'));
    const alphabet = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ %');
    await fc.assert(
      fc.asyncProperty(fc.nat(token.length - 1), alphabet, fc.constantFrom('replace', 'insert', 'delete'), async (at, char, edit) => {
        const edited =
          edit === 'replace' ? token.slice(0, at) + char + token.slice(at + 1) : edit === 'insert' ? token.slice(0, at) + char + token.slice(at) : token.slice(0, at) + token.slice(at + 1);
        const result = await check(edited);
        expect(wellFormed(result)).toBe(true);
        if (result.ok) expect(decoded(edited)).toEqual(decoded(token));
      }),
      runs,
    );
  });
});
