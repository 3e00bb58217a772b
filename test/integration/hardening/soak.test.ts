// A short soak of the emulator under the benchmark's load, inside `npm test`: no request may
// fail, the emulator's retained records stay within its caps (lowered so that this short run
// passes them), and the heap (after a full GC) may not grow past a bound. Counts and sizes
// only; the timing figures are printed for the release notes.
import { describe, expect, it } from 'vitest';
import { printSoak, runSoak } from '../../../scripts/bench/soak';

const SECONDS = 15;
const MAX_HEAP_GROWTH_MB = 16;
const LIMITS = { tokens: 500, sessions: 500, outbox: 20 };

describe('emulator soak', () => {
  it(`${SECONDS} s of load: zero errors, retained records within caps, heap growth under ${MAX_HEAP_GROWTH_MB} MB`, { timeout: (SECONDS + 45) * 1000 }, async () => {
    const result = await runSoak({ seconds: SECONDS, limits: LIMITS });
    printSoak(result, (line) => console.log(`[soak] ${line}`));
    expect(result.authenticates).toBeGreaterThan(LIMITS.sessions);
    expect(result.requests).toBeGreaterThanOrEqual(result.authenticates * 2);
    expect(result.errors).toBe(0);
    expect(result.limits).toEqual(LIMITS);
    // Every unit made a token and a session, and the bench users 50 emails: each cap was reached and held.
    expect(result.retained).toMatchObject(LIMITS);
    expect(result.heapGrowthMb).toBeLessThan(MAX_HEAP_GROWTH_MB);
  });
});
