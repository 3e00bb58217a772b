import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../relay/rate-limit';

function clock(start = 0): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('relay rate limiter', () => {
  it('allows a burst up to the limit, then says how long to wait for the next request', () => {
    const c = clock();
    const limiter = new RateLimiter({ limit: 3, windowSeconds: 60 }, c.now);
    expect([limiter.take('ip'), limiter.take('ip'), limiter.take('ip')]).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    // One request refills every 20 s.
    expect(limiter.take('ip')).toEqual({ allowed: false, retryAfterSeconds: 20 });
    c.advance(15_000);
    expect(limiter.take('ip')).toEqual({ allowed: false, retryAfterSeconds: 5 });
    c.advance(5_000);
    expect(limiter.take('ip')).toEqual({ allowed: true });
    expect(limiter.take('ip').allowed).toBe(false);
  });

  it('keeps keys apart', () => {
    const limiter = new RateLimiter({ limit: 1, windowSeconds: 60 }, clock().now);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('holds a steady abuser to the average rate, and refused attempts do not extend the wait', () => {
    const c = clock();
    const limiter = new RateLimiter({ limit: 2, windowSeconds: 10 }, c.now);
    let allowed = 0;
    for (let second = 0; second < 60; second += 1) {
      for (let i = 0; i < 5; i += 1) if (limiter.take('abuser').allowed) allowed += 1;
      c.advance(1000);
    }
    // Two up front, then one every five seconds.
    expect(allowed).toBe(2 + 11);
  });

  it('never refills past the limit after a long quiet spell, nor drains when the clock steps back', () => {
    const c = clock(1_000_000);
    const limiter = new RateLimiter({ limit: 2, windowSeconds: 60 }, c.now);
    limiter.take('k');
    c.advance(24 * 3600_000);
    expect([limiter.take('k'), limiter.take('k'), limiter.take('k')].map((d) => d.allowed)).toEqual([true, true, false]);
    c.advance(-3600_000);
    expect(limiter.take('k')).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });

  it('stays bounded under a flood of distinct keys', () => {
    const c = clock();
    const limiter = new RateLimiter({ limit: 5, windowSeconds: 60 }, c.now);
    for (let i = 0; i < 25_000; i += 1) limiter.take(`flood-${i}`);
    expect(limiter.size()).toBeLessThanOrEqual(10_000);
    // The most recent keys are the ones kept: a key just used is still counted.
    expect(limiter.take('flood-24999').allowed).toBe(true);
    for (let i = 0; i < 3; i += 1) limiter.take('flood-24999');
    expect(limiter.take('flood-24999').allowed).toBe(false);
  });

  it('forgets keys whose bucket has refilled when it sweeps', () => {
    const c = clock();
    const limiter = new RateLimiter({ limit: 1, windowSeconds: 1 }, c.now);
    for (let i = 0; i < 10_000; i += 1) limiter.take(`old-${i}`);
    c.advance(2000);
    limiter.take('new');
    limiter.take('newer');
    expect(limiter.size()).toBe(2);
  });
});
