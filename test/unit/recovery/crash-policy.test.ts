// The crash policy on vitest's fake timers: three reloads, then give up; the count forgets crashes
// older than the window; a clean exit is not a crash; an unresponsive page is offered a
// reload only once it has hung for the whole wait.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCrashPolicy, DEFAULT_CRASH_POLICY } from '../../../main/recovery/crash-policy';
import { useFakeTime } from '../../fixtures/fake-time';

function setup() {
  const clock = useFakeTime();
  return { clock, time: clock, policy: createCrashPolicy(clock) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createCrashPolicy: crashes', () => {
  it('reloads, reloads, reloads, then gives up within a minute', () => {
    const { time, policy } = setup();
    const actions = ['crashed', 'oom', 'killed', 'crashed'].map((reason) => {
      time.advance(5_000);
      return policy.rendererGone(reason);
    });
    expect(actions).toEqual([
      { action: 'reload', crashesInWindow: 1 },
      { action: 'reload', crashesInWindow: 2 },
      { action: 'reload', crashesInWindow: 3 },
      { action: 'give-up', crashesInWindow: 4 },
    ]);
  });

  it('forgets crashes older than the window', () => {
    const { time, policy } = setup();
    for (let i = 0; i < 3; i += 1) expect(policy.rendererGone('crashed').action).toBe('reload');
    time.advance(DEFAULT_CRASH_POLICY.windowMs - 1);
    expect(policy.rendererGone('crashed')).toEqual({ action: 'give-up', crashesInWindow: 4 });
    time.advance(1);
    // The first three are a minute old now; only the give-up one still counts.
    expect(policy.rendererGone('crashed')).toEqual({ action: 'reload', crashesInWindow: 2 });
  });

  it('spread-out crashes never give up', () => {
    const { time, policy } = setup();
    for (let i = 0; i < 20; i += 1) {
      time.advance(DEFAULT_CRASH_POLICY.windowMs / 3);
      expect(policy.rendererGone('crashed').action).toBe('reload');
    }
  });

  it('does not count a clean exit', () => {
    const { policy } = setup();
    for (let i = 0; i < 10; i += 1) expect(policy.rendererGone('clean-exit')).toEqual({ action: 'ignore' });
    expect(policy.rendererGone('crashed')).toEqual({ action: 'reload', crashesInWindow: 1 });
  });

  it('starts a fresh count when the person chooses Reload after a give-up', () => {
    const { policy } = setup();
    for (let i = 0; i < 4; i += 1) policy.rendererGone('crashed');
    policy.startOver();
    expect(policy.rendererGone('crashed')).toEqual({ action: 'reload', crashesInWindow: 1 });
  });
});

describe('createCrashPolicy: an unresponsive page', () => {
  it('offers a reload once the page has hung for the whole wait, and only once', () => {
    const { time, policy } = setup();
    let offers = 0;
    policy.unresponsive(() => (offers += 1));
    time.advance(4_000);
    // Electron repeats the event while the hang lasts; the wait does not restart.
    policy.unresponsive(() => (offers += 1));
    time.advance(DEFAULT_CRASH_POLICY.unresponsiveMs - 4_000 - 1);
    expect(offers).toBe(0);
    time.advance(1);
    expect(offers).toBe(1);
    expect(time.pending()).toBe(0);
  });

  it('drops the offer when the page answers again, or dies, before the wait is over', () => {
    const { time, policy } = setup();
    let offers = 0;
    policy.unresponsive(() => (offers += 1));
    time.advance(9_000);
    policy.responsive();
    policy.unresponsive(() => (offers += 1));
    policy.rendererGone('crashed');
    time.advance(60_000);
    expect(offers).toBe(0);
  });
});
