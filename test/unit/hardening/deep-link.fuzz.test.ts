// Fuzzing the OS-delivered callback parser: structured links whose validity is known by
// construction, valid links with one random edit, and hostile strings. Properties: nothing
// throws, nothing the spec (link-spec.ts) calls invalid is accepted, every valid link is.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCallbackUrl } from '../../../main/auth/deep-link';
import { callbackFor, hostileStringArb, mutationArb, percentEncodeSome, specCallbackToken, tokenArb } from './link-spec';
import { FUZZ_TIMEOUT, fuzzSeed, scaled } from './fuzz-runs';

const BASE = { structured: 35_000, mutated: 35_000, hostile: 15_000 };
const RUNS = { structured: scaled(BASE.structured), mutated: scaled(BASE.mutated), hostile: scaled(BASE.hostile) };
const where = (label: string) => ({ file: import.meta.filename, label });

interface Part {
  text: string;
  valid: boolean;
}
const ok = (text: string): Part => ({ text, valid: true });
const bad = (text: string): Part => ({ text, valid: false });
/** Valid four times in five, so a good share of the links are valid as a whole. */
const part = (valid: Part[], invalid: Part[]): fc.Arbitrary<Part> =>
  fc.oneof({ arbitrary: fc.constantFrom(...valid), weight: 4 }, { arbitrary: fc.constantFrom(...invalid), weight: 1 });

const schemeArb = part(
  [ok('promptgrimoire'), ok('PromptGrimoire'), ok('PROMPTGRIMOIRE')],
  [bad('promptgrimoir'), bad('promptgrimoire2'), bad('https'), bad('http'), bad('file'), bad('javascript'), bad('xpromptgrimoire')],
);
const authorityArb = part(
  [ok('auth'), ok('AUTH'), ok('Auth')],
  [bad(''), bad('evil'), bad('auth.evil.example'), bad('auth:443'), bad('user@auth'), bad('user:pw@auth'), bad('%61uth'), bad('\u0430uth'), bad('auth%00')],
);
const pathArb = part(
  [ok('/callback'), ok('/callback/')],
  [bad(''), bad('/'), bad('/Callback'), bad('/callbacks'), bad('/callback/x'), bad('//callback'), bad('/%63allback'), bad('/callback%2F'), bad('/callback;x')],
);

type ParamPlan = { pairs: string[]; valid: boolean; token: string };

const paramsArb: fc.Arbitrary<ParamPlan> = fc
  .tuple(
    tokenArb,
    fc.nat(),
    fc.constantFrom('valid', 'valid', 'valid', 'swapped', 'encoded', 'encoded', 'dup-token', 'dup-type', 'no-type', 'no-token', 'wrong-type', 'extra', 'short', 'long', 'alphabet', 'empty-token'),
    tokenArb,
  )
  .map(([token, mask, plan, other]) => {
    const type = 'stytch_token_type=magic_links';
    const t = `token=${encodeURIComponent(token)}`;
    switch (plan) {
      case 'valid':
        return { pairs: [type, t], valid: true, token };
      case 'swapped':
        return { pairs: [t, type], valid: true, token };
      case 'encoded':
        return { pairs: [type, `token=${percentEncodeSome(token, mask)}`], valid: true, token };
      case 'dup-token':
        return { pairs: [type, t, `token=${encodeURIComponent(other)}`], valid: false, token };
      case 'dup-type':
        return { pairs: [type, t, type], valid: false, token };
      case 'no-type':
        return { pairs: [t], valid: false, token };
      case 'no-token':
        return { pairs: [type], valid: false, token };
      case 'wrong-type':
        return { pairs: ['stytch_token_type=oauth', t], valid: false, token };
      case 'extra':
        return { pairs: [type, t, 'next=https%3A%2F%2Fevil.example'], valid: false, token };
      case 'short':
        return { pairs: [type, `token=${token.slice(0, 40)}`], valid: false, token };
      case 'long':
        return { pairs: [type, `token=${token.replace('=', '')}AAAA`], valid: false, token };
      case 'alphabet':
        return { pairs: [type, `token=${token.slice(0, 20)}%2B${token.slice(21)}`], valid: false, token };
      default:
        return { pairs: [type, 'token='], valid: false, token };
    }
  });

const structuredArb = fc
  .tuple(schemeArb, authorityArb, pathArb, paramsArb, part([ok(''), ok('#')], [bad('#x'), bad('#token=x')]), fc.constantFrom(ok(''), ok(' '), ok('\n'), ok('\t ')))
  .map(([scheme, authority, path, params, fragment, space]) => ({
    input: `${space.text}${scheme.text}://${authority.text}${path.text}?${params.pairs.join('&')}${fragment.text}${space.text}`,
    valid: scheme.valid && authority.valid && path.valid && params.valid && fragment.valid,
    token: params.token,
  }));

describe('parseCallbackUrl under fuzzing', () => {
  it(`structured links: accepted exactly when every part is valid (${RUNS.structured} inputs)`, FUZZ_TIMEOUT, () => {
    const runs = fuzzSeed(1001, BASE.structured, where('structured links'));
    let accepted = 0;
    fc.assert(
      fc.property(structuredArb, ({ input, valid, token }) => {
        const result = parseCallbackUrl(input);
        if (result) accepted += 1;
        expect(result).toEqual(valid ? { token } : null);
      }),
      runs,
    );
    console.log(`[fuzz] parseCallbackUrl structured: ${RUNS.structured} inputs, ${accepted} valid and accepted, the rest refused`);
  });

  it(`valid links with one random edit: accepted exactly when the spec says valid (${RUNS.mutated} inputs)`, FUZZ_TIMEOUT, () => {
    const runs = fuzzSeed(1002, BASE.mutated, where('valid links with one random edit'));
    let accepted = 0;
    fc.assert(
      fc.property(mutationArb(tokenArb.map(callbackFor)), (input) => {
        const result = parseCallbackUrl(input);
        const expected = specCallbackToken(input);
        if (result) accepted += 1;
        expect(result).toEqual(expected === null ? null : { token: expected });
      }),
      runs,
    );
    console.log(`[fuzz] parseCallbackUrl one-edit mutations: ${RUNS.mutated} inputs, ${accepted} still valid and accepted`);
  });

  it(`hostile strings, alone and after a valid prefix: never throws, never accepts (${RUNS.hostile * 2} inputs)`, FUZZ_TIMEOUT, () => {
    const runs = fuzzSeed(1003, BASE.hostile, where('hostile strings, alone and after a valid prefix'));
    fc.assert(
      fc.property(hostileStringArb, tokenArb, (junk, token) => {
        expect(parseCallbackUrl(junk)).toEqual(specCallbackToken(junk));
        const tail = `promptgrimoire://auth/callback?stytch_token_type=magic_links&token=${token}${junk}`;
        const expected = specCallbackToken(tail);
        expect(parseCallbackUrl(tail)).toEqual(expected === null ? null : { token: expected });
      }),
      runs,
    );
    console.log(`[fuzz] parseCallbackUrl hostile: ${RUNS.hostile * 2} inputs (long, unicode, control, null bytes), none accepted wrongly`);
    const total = RUNS.structured + RUNS.mutated + RUNS.hostile * 2;
    console.log(`[fuzz] parseCallbackUrl total: ${total} generated and mutated inputs`);
  });
});
