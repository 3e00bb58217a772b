import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF, jwtExpiryHint, MIN_REFRESH_MS, refreshDelay } from '../../../main/session/scheduler';
import { createManualClock } from '../../fixtures/manual-clock';
import { createManualScheduler } from './manual-scheduler';

const jwtWith = (claims: object): string => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;

describe('refresh timing', () => {
  it('refreshes when 80% of the JWT’s remaining life has passed', () => {
    expect(refreshDelay(0, 5 * 60_000)).toBe(240_000);
    expect(refreshDelay(1_000, 101_000)).toBe(80_000);
  });

  it('never refreshes sooner than 30 seconds, even for a JWT already past exp', () => {
    expect(refreshDelay(0, 10_000)).toBe(MIN_REFRESH_MS);
    expect(refreshDelay(60_000, 0)).toBe(MIN_REFRESH_MS);
  });

  it('reads exp from the JWT without trusting it, and assumes five minutes when it cannot', () => {
    expect(jwtExpiryHint(jwtWith({ exp: 1_900_000_000 }), 0)).toBe(1_900_000_000_000);
    expect(jwtExpiryHint('not-a-jwt', 1_000)).toBe(301_000);
    expect(jwtExpiryHint(jwtWith({ exp: 'soon' }), 1_000)).toBe(301_000);
    expect(jwtExpiryHint('a.%%%.c', 1_000)).toBe(301_000);
  });
});

describe('backoff', () => {
  it('doubles from the base and stays within [half, whole] of each step', () => {
    for (const attempt of [0, 1, 2, 3]) {
      const step = DEFAULT_BACKOFF.baseMs * 2 ** attempt;
      expect(backoffDelay(attempt, () => 0)).toBe(step / 2);
      expect(backoffDelay(attempt, () => 0.999_999)).toBeLessThanOrEqual(step);
      expect(backoffDelay(attempt, () => 0.999_999)).toBeGreaterThan(step * 0.99);
    }
  });

  it('is capped however many attempts failed, and tolerates a wild random source', () => {
    expect(backoffDelay(50, () => 1)).toBe(DEFAULT_BACKOFF.capMs);
    expect(backoffDelay(5_000, () => 0)).toBe(DEFAULT_BACKOFF.capMs / 2);
    expect(backoffDelay(3, () => 7)).toBe(40_000);
    expect(backoffDelay(-2, () => -1)).toBe(2_500);
  });

  it('spreads clients that failed together', () => {
    const seen = new Set(Array.from({ length: 20 }, (_, i) => backoffDelay(4, () => i / 20)));
    expect(seen.size).toBe(20);
  });
});

describe('manual scheduler (the tests’ clock for the lifecycle)', () => {
  it('fires timers in due order with the clock at each due time, and honours cancel', () => {
    const clock = createManualClock(0);
    const scheduler = createManualScheduler(clock);
    const fired: [string, number][] = [];
    scheduler.schedule(300, () => fired.push(['late', clock.now()]));
    const cancel = scheduler.schedule(200, () => fired.push(['cancelled', clock.now()]));
    scheduler.schedule(100, () => {
      fired.push(['early', clock.now()]);
      scheduler.schedule(50, () => fired.push(['chained', clock.now()]));
    });
    cancel();
    cancel();
    expect(scheduler.pending()).toEqual([100, 300]);
    scheduler.advance(1_000);
    expect(fired).toEqual([
      ['early', 100],
      ['chained', 150],
      ['late', 300],
    ]);
    expect(clock.now()).toBe(1_000);
    expect(scheduler.runNext()).toBeNull();
  });
});
