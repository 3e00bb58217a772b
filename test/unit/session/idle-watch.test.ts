// The idle timeout decides from the injected clock alone: signed out after exactly the
// configured stretch without input, never while the person is active.
import { describe, expect, it } from 'vitest';
import { createIdleWatch } from '../../../main/session/idle-watch';
import { createManualClock } from '../../fixtures/manual-clock';
import { createManualScheduler } from './manual-scheduler';

const FIFTEEN_MINUTES = 15 * 60_000;

function setUp() {
  const clock = createManualClock();
  const scheduler = createManualScheduler(clock);
  let idled = 0;
  const watch = createIdleWatch({ timeoutMs: FIFTEEN_MINUTES, clock, scheduler, onIdle: () => (idled += 1) });
  return { scheduler, watch, idled: () => idled };
}

describe('idle watch', () => {
  it('fires once, exactly when the whole timeout passed without input', () => {
    const { scheduler, watch, idled } = setUp();
    watch.start();
    scheduler.advance(FIFTEEN_MINUTES - 1);
    expect(idled()).toBe(0);
    scheduler.advance(1);
    expect(idled()).toBe(1);
    scheduler.advance(FIFTEEN_MINUTES * 4);
    expect(idled()).toBe(1);
  });

  it('never fires while the person keeps working, however long, and counts from the last input', () => {
    const { scheduler, watch, idled } = setUp();
    watch.start();
    for (let minute = 0; minute < 8 * 60; minute += 1) {
      scheduler.advance(60_000);
      watch.activity();
    }
    expect(idled()).toBe(0);
    // One timer at a time, however much input arrives.
    expect(scheduler.pending()).toHaveLength(1);
    scheduler.advance(FIFTEEN_MINUTES - 1);
    expect(idled()).toBe(0);
    scheduler.advance(1);
    expect(idled()).toBe(1);
  });

  it('stops with sign-out, and a new sign-in starts a fresh stretch', () => {
    const { scheduler, watch, idled } = setUp();
    watch.start();
    scheduler.advance(10 * 60_000);
    watch.stop();
    expect(scheduler.pending()).toEqual([]);
    scheduler.advance(FIFTEEN_MINUTES);
    expect(idled()).toBe(0);
    watch.start();
    watch.start();
    expect(scheduler.pending()).toEqual([FIFTEEN_MINUTES]);
  });
});
