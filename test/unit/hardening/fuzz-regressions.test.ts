// Inputs that a fuzz run once found, each kept by name so it is checked on every run
// whatever the seeds draw. Add each new counterexample of `npm run fuzz` here.
import { describe, expect, it } from 'vitest';
import { findCallbackUrlInArgv, parseCallbackUrl, parsePastedLink } from '../../../main/auth/deep-link';
import { specCallbackToken, specWebLinkToken, unwrapPasted } from './link-spec';

const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const emailed = (host: string): string => `http://${host}:4578/v1/magic_links/redirect?stytch_token_type=magic_links&token=${TOKEN}`;
const callback = `promptgrimoire://auth/callback?stytch_token_type=magic_links&token=${TOKEN}`;

/** The spec's verdict, to show the parser and the spec now agree on each case. */
const specToken = (input: string): string | null => {
  const text = unwrapPasted(input);
  return specCallbackToken(text) ?? specWebLinkToken(text);
};

// Code points that WHATWG URL parsing drops or maps away, so the link a person sees differs
// from the one the parser reads: a variation selector (default-ignorable), a musical
// symbol the IDNA mapping deletes, a zero-width space and a soft hyphen.
const INVISIBLE = {
  'U+E0100 variation selector in the host': '\u{E0100}',
  'U+1D173 musical symbol begin beam in the host': '\u{1D173}',
  'U+200B zero-width space in the host': '\u200B',
  'U+00AD soft hyphen in the host': '\u00AD',
};

describe('fuzz regressions: a link is printable ASCII only', () => {
  for (const [name, char] of Object.entries(INVISIBLE)) {
    it(`paste refuses ${name}`, () => {
      const input = `"${emailed(`${char}127.0.0.1`)}"`;
      expect(specToken(input)).toBeNull();
      expect(parsePastedLink(input)).toEqual({ ok: false, reason: 'not-a-sign-in-link' });
    });
    it(`callback and argv refuse ${name}`, () => {
      const input = callback.replace('//auth', `//${char}auth`);
      expect(parseCallbackUrl(input)).toBeNull();
      expect(findCallbackUrlInArgv(['app', input])).toBe(input);
      expect(findCallbackUrlInArgv(['app', input, callback])).toBe(callback);
    });
  }

  it('the same links without the code point are still accepted', () => {
    expect(parsePastedLink(`"${emailed('127.0.0.1')}"`)).toEqual({ ok: true, token: TOKEN });
    expect(parseCallbackUrl(callback)).toEqual({ token: TOKEN });
  });

  it('non-ASCII anywhere else in the link is refused too', () => {
    for (const input of [`${callback}\u00e9`, callback.replace('callback', 'callb\u00e4ck'), emailed('127.0.0.1').replace('redirect', 're\u0301direct')]) {
      expect(parsePastedLink(input).ok).toBe(false);
      expect(parseCallbackUrl(input)).toBeNull();
    }
  });
});
