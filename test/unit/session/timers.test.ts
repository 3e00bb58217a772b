import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jwtExpiryHint } from '../../../main/auth/jwt-verify';
import { backoffDelay, DEFAULT_BACKOFF, MAX_TIMER_MS, MIN_REFRESH_MS, refreshDelay, schedule } from '../../../main/session/timers';
import { useFakeTime } from '../../fixtures/fake-time';

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

describe('schedule (real timers)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires once after the delay, in due order, and a cancel (even twice) stops it', () => {
    const time = useFakeTime(0);
    const fired: [string, number][] = [];
    schedule(300, () => fired.push(['late', time.now()]));
    const cancel = schedule(200, () => fired.push(['cancelled', time.now()]));
    schedule(100, () => {
      fired.push(['early', time.now()]);
      schedule(50, () => fired.push(['chained', time.now()]));
    });
    cancel();
    cancel();
    schedule(-5, () => fired.push(['negative', time.now()]));
    time.advance(1_000);
    expect(fired).toEqual([
      ['negative', 0],
      ['early', 100],
      ['chained', 150],
      ['late', 300],
    ]);
    expect(time.pending()).toBe(0);
  });

  it('caps a delay beyond 2^31-1 ms instead of letting Node fire it at once', () => {
    const time = useFakeTime(0);
    let fired = 0;
    schedule(365 * 24 * 3_600_000, () => (fired += 1));
    time.advance(MAX_TIMER_MS - 1);
    expect(fired).toBe(0);
    time.advance(1);
    expect(fired).toBe(1);
  });

  it('never keeps a process alive: a process with an hour-long timer pending exits at once', () => {
    const url = pathToFileURL(new URL('../../../main/session/timers.ts', import.meta.url).pathname).href;
    const started = performance.now();
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', `import { schedule } from '${url}'; schedule(3_600_000, () => console.log('fired')); console.log('armed');`], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(out.trim()).toBe('armed');
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('an innocent short timer still fires with real time', async () => {
    const fired = await new Promise<boolean>((resolve) => {
      schedule(5, () => resolve(true));
    });
    expect(fired).toBe(true);
  });
});
