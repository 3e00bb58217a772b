// Fuzzing findCallbackUrlInArgv: argument lists as a second app process gets them (exe
// path, '.', Chromium flags, quoted or bare links, junk, non-strings). It must return the
// first argument that is a valid callback, else the first promptgrimoire:// argument (for
// the log), else null; and never throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCallbackUrlInArgv } from '../../../main/auth/deep-link';
import { callbackFor, hostileStringArb, mutationArb, specCallbackToken, tokenArb, unwrapPasted } from './link-spec';
import { FUZZ_TIMEOUT, fuzzSeed, scaled } from './fuzz-runs';

const BASE_RUNS = 100_000;
const RUNS = scaled(BASE_RUNS);

const argArb: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom('/opt/PromptGrimoire/promptgrimoire-desktop', 'C:\\Program Files\\PromptGrimoire\\PromptGrimoire.exe', '.', '--allow-file-access-from-files', '--no-sandbox', '--'), weight: 3 },
  { arbitrary: tokenArb.map(callbackFor), weight: 2 },
  { arbitrary: fc.tuple(tokenArb.map(callbackFor), fc.constantFrom<[string, string]>(['"', '"'], ["'", "'"], ['<', '>'], [' ', ' '])).map(([link, [a, b]]) => a + link + b), weight: 1 },
  { arbitrary: mutationArb(tokenArb.map(callbackFor)), weight: 2 },
  { arbitrary: fc.constantFrom('promptgrimoire://evil/callback', 'PROMPTGRIMOIRE://auth/callback', 'promptgrimoire:', 'promptgrimoire:/auth/callback'), weight: 1 },
  { arbitrary: hostileStringArb, weight: 2 },
  { arbitrary: fc.constantFrom(null, undefined, 42, {}, ['promptgrimoire://auth/callback']), weight: 1 },
);

/** The contract, written out: first valid callback, else first promptgrimoire:// candidate. */
function specFind(argv: readonly unknown[]): string | null {
  let candidate: string | null = null;
  for (const raw of argv) {
    if (typeof raw !== 'string') continue;
    const arg = unwrapPasted(raw);
    if (!/^promptgrimoire:\/\//i.test(arg)) continue;
    if (specCallbackToken(arg) !== null) return arg;
    candidate ??= arg;
  }
  return candidate;
}

describe('findCallbackUrlInArgv under fuzzing', () => {
  it(`picks the spec's argument from ${RUNS} generated argument lists`, FUZZ_TIMEOUT, () => {
    const runs = fuzzSeed(1201, BASE_RUNS, { file: import.meta.filename, label: 'picks the spec' });
    let found = 0;
    fc.assert(
      fc.property(fc.array(argArb, { maxLength: 5 }), (argv) => {
        const result = findCallbackUrlInArgv(argv as string[]);
        if (result !== null && specCallbackToken(result) !== null) found += 1;
        expect(result).toBe(specFind(argv));
      }),
      runs,
    );
    console.log(`[fuzz] findCallbackUrlInArgv: ${RUNS} argument lists, ${found} held a valid callback and it was the one returned`);
  });
});
