// A short soak of the emulator under the benchmark's load, inside `npm test`: no request may
// fail and the heap (after a full GC) may not grow past a bound. Counts and sizes only; the
// timing figures are printed for the release notes.
import { describe, expect, it } from 'vitest';
import { printSoak, runSoak } from '../../../scripts/bench/soak';

const SECONDS = 15;
const MAX_HEAP_GROWTH_MB = 64;

describe('emulator soak', () => {
  it(`${SECONDS} s of load: zero errors, heap growth under ${MAX_HEAP_GROWTH_MB} MB`, { timeout: (SECONDS + 45) * 1000 }, async () => {
    const result = await runSoak({ seconds: SECONDS });
    printSoak(result, (line) => console.log(`[soak] ${line}`));
    expect(result.authenticates).toBeGreaterThan(0);
    expect(result.requests).toBeGreaterThanOrEqual(result.authenticates * 2);
    expect(result.errors).toBe(0);
    expect(result.heapGrowthMb).toBeLessThan(MAX_HEAP_GROWTH_MB);
  });
});
