// Fuzzing the paste fallback's parser: structured pastes (the emailed link or the callback,
// wrapped the ways mail clients wrap them) with a known answer, valid links with one edit,
// and hostile text. Nothing throws, nothing invalid yields a token, every valid link does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePastedLink, type PastedLinkResult } from '../../../main/auth/deep-link';
import {
  callbackFor,
  hasPlainHost,
  hostileStringArb,
  mutationArb,
  percentEncodeSome,
  specCallbackToken,
  specWebLinkToken,
  tokenArb,
  unwrapPasted,
} from './link-spec';
import { FUZZ_TIMEOUT, fuzzSeed, scaled } from './fuzz-runs';

const BASE = { structured: 40_000, mutated: 40_000, hostile: 20_000 };
const RUNS = { structured: scaled(BASE.structured), mutated: scaled(BASE.mutated), hostile: scaled(BASE.hostile) };
const where = (label: string) => ({ file: import.meta.filename, label });
const REASONS = new Set(['empty', 'not-a-sign-in-link', 'malformed-token']);

type Expected = PastedLinkResult;
interface Case {
  input: string;
  expected: Expected;
}

const wrapArb = fc.constantFrom<[string, string]>(['', ''], ['  ', '\n'], ['"', '"'], ["'", "'"], ['<', '>'], [' <', '> ']);
const notALink: Expected = { ok: false, reason: 'not-a-sign-in-link' };
const malformed: Expected = { ok: false, reason: 'malformed-token' };

const webBaseArb = fc.oneof(
  { arbitrary: fc.constantFrom('https://test.stytch.com', 'https://api.stytch.com', 'https://mail-link.example.org:8443', 'http://127.0.0.1:4578', 'http://localhost:4578', 'http://[::1]:4578'), weight: 4 },
  { arbitrary: fc.constantFrom('http://test.stytch.com', 'ftp://test.stytch.com', 'https://user:pw@test.stytch.com', 'file://', 'javascript:', 'data:text/html,'), weight: 1 },
);
const webPathArb = fc.oneof(
  { arbitrary: fc.constantFrom('/v1/magic_links/redirect', '/v1/magic_links/redirect/'), weight: 4 },
  { arbitrary: fc.constantFrom('/v1/magic_links/redirects', '/v1/magic_links', '/redirect', '/v1/Magic_links/redirect', ''), weight: 1 },
);

const webCaseArb: fc.Arbitrary<Case> = fc
  .tuple(webBaseArb, webPathArb, tokenArb, fc.nat(), fc.constantFrom('plain', 'typed', 'extra', 'encoded', 'missing', 'dup', 'wrong-type', 'short', 'fragment'), wrapArb)
  .map(([base, path, token, mask, plan, [open, close]]) => {
    const t = `token=${encodeURIComponent(token)}`;
    const query: Record<string, string> = {
      plain: t,
      typed: `stytch_token_type=magic_links&${t}`,
      extra: `public_token=public-token-test-1&${t}`,
      encoded: `token=${percentEncodeSome(token, mask)}`,
      missing: 'stytch_token_type=magic_links',
      dup: `${t}&${t}`,
      'wrong-type': `stytch_token_type=oauth&${t}`,
      short: `token=${token.slice(0, 30)}`,
      fragment: `${t}#${t}`,
    };
    const shapeOk = /^(https:\/\/[^@]*|http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+)$/.test(base) && path.startsWith('/v1/magic_links/redirect') && !path.endsWith('s');
    let expected: Expected;
    if (!shapeOk || plan === 'missing' || plan === 'fragment') expected = notALink;
    else if (plan === 'dup' || plan === 'wrong-type' || plan === 'short') expected = malformed;
    else expected = { ok: true, token };
    return { input: `${open}${base}${path}?${query[plan] ?? ''}${close}`, expected };
  });

const callbackCaseArb: fc.Arbitrary<Case> = fc
  .tuple(tokenArb, fc.constantFrom('valid', 'host', 'path', 'extra', 'short', 'missing'), wrapArb)
  .map(([token, plan, [open, close]]) => {
    const link = callbackFor(token);
    const inputs: Record<string, [string, Expected]> = {
      valid: [link, { ok: true, token }],
      host: [link.replace('//auth/', '//evil/'), notALink],
      path: [link.replace('/callback', '/other'), notALink],
      extra: [`${link}&next=x`, malformed],
      short: [callbackFor(token.slice(0, 30)), malformed],
      missing: ['promptgrimoire://auth/callback?stytch_token_type=magic_links', notALink],
    };
    const [input, expected] = inputs[plan] ?? [link, { ok: true, token }];
    return { input: `${open}${input}${close}`, expected };
  });

const emptyCaseArb: fc.Arbitrary<Case> = fc
  .constantFrom('', '   ', '\n\t', '""', "''", '<>', ' " " ')
  .map((input) => ({ input, expected: { ok: false, reason: 'empty' } }));

/** The spec's answer for any text: a token when it is a valid callback or emailed link. */
function specToken(input: string): string | null {
  const text = unwrapPasted(input);
  return specCallbackToken(text) ?? specWebLinkToken(text);
}

/** Exact agreement with the spec; for a host only IDNA can judge, refusing is also fine. */
function expectSpecAnswer(input: string, result: PastedLinkResult): void {
  const expected = specToken(input);
  const got = result.ok ? result.token : null;
  const text = unwrapPasted(input);
  if (/^https?:/i.test(text) && !hasPlainHost(text) && got === null) return;
  expect(got).toBe(expected);
}

function checkShape(result: PastedLinkResult): void {
  if (result.ok) expect(result.token).toMatch(/^(?:[A-Za-z0-9_-]{44}|[A-Za-z0-9_-]{43}=?)$/);
  else expect(REASONS.has(result.reason)).toBe(true);
}

describe('parsePastedLink under fuzzing', () => {
  it(`structured pastes get the exact answer (${RUNS.structured} inputs)`, FUZZ_TIMEOUT, () => {
    const runs = fuzzSeed(1101, BASE.structured, where('structured pastes get the exact answer'));
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof({ arbitrary: webCaseArb, weight: 6 }, { arbitrary: callbackCaseArb, weight: 3 }, { arbitrary: emptyCaseArb, weight: 1 }), ({ input, expected }) => {
        const result = parsePastedLink(input);
        if (result.ok) accepted += 1;
        expect(result).toEqual(expected);
      }),
      runs,
    );
    console.log(`[fuzz] parsePastedLink structured: ${RUNS.structured} inputs, ${accepted} valid and accepted`);
  });

  it(`valid links with one random edit yield a token exactly when the spec says valid (${RUNS.mutated} inputs)`, FUZZ_TIMEOUT, () => {
    const runs = fuzzSeed(1102, BASE.mutated, where('valid links with one random edit yield a token'));
    let accepted = 0;
    const baseArb = fc.oneof(
      tokenArb.map(callbackFor),
      tokenArb.map((token) => `https://test.stytch.com/v1/magic_links/redirect?token=${encodeURIComponent(token)}`),
      tokenArb.map((token) => `"http://127.0.0.1:4578/v1/magic_links/redirect?stytch_token_type=magic_links&token=${token}"`),
    );
    fc.assert(
      fc.property(mutationArb(baseArb), (input) => {
        const result = parsePastedLink(input);
        checkShape(result);
        if (result.ok) accepted += 1;
        expectSpecAnswer(input, result);
      }),
      runs,
    );
    console.log(`[fuzz] parsePastedLink one-edit mutations: ${RUNS.mutated} inputs, ${accepted} still valid and accepted`);
  });

  it(`hostile text never throws and never yields a token the spec refuses (${RUNS.hostile * 2} inputs)`, FUZZ_TIMEOUT, () => {
    const runs = fuzzSeed(1103, BASE.hostile, where('hostile text never throws'));
    fc.assert(
      fc.property(hostileStringArb, tokenArb, (junk, token) => {
        for (const input of [junk, `https://test.stytch.com/v1/magic_links/redirect?token=${token}${junk}`]) {
          const result = parsePastedLink(input);
          checkShape(result);
          expectSpecAnswer(input, result);
        }
      }),
      runs,
    );
    // Not strings at all: what a broken caller could hand over at run time.
    for (const odd of [null, undefined, 42, {}, []] as unknown as string[]) expect(parsePastedLink(odd)).toEqual({ ok: false, reason: 'empty' });
    console.log(`[fuzz] parsePastedLink hostile: ${RUNS.hostile * 2} inputs; total ${RUNS.structured + RUNS.mutated + RUNS.hostile * 2} inputs`);
  });
});
