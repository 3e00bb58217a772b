// The idle timeout decides from the injected clock alone: signed out after exactly the
// configured stretch without input, never while the person is active.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIdleWatch } from '../../../main/session/idle-watch';
import { useFakeTime } from '../../fixtures/fake-time';

const FIFTEEN_MINUTES = 15 * 60_000;

function setUp() {
  const time = useFakeTime();
  const clock = time;
  let idled = 0;
  const watch = createIdleWatch({ timeoutMs: FIFTEEN_MINUTES, clock, onIdle: () => (idled += 1) });
  return { time, watch, idled: () => idled };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('idle watch', () => {
  it('fires once, exactly when the whole timeout passed without input', () => {
    const { time, watch, idled } = setUp();
    watch.start();
    time.advance(FIFTEEN_MINUTES - 1);
    expect(idled()).toBe(0);
    time.advance(1);
    expect(idled()).toBe(1);
    time.advance(FIFTEEN_MINUTES * 4);
    expect(idled()).toBe(1);
  });

  it('never fires while the person keeps working, however long, and counts from the last input', () => {
    const { time, watch, idled } = setUp();
    watch.start();
    for (let minute = 0; minute < 8 * 60; minute += 1) {
      time.advance(60_000);
      watch.activity();
    }
    expect(idled()).toBe(0);
    // One timer at a time, however much input arrives.
    expect(time.pending()).toBe(1);
    time.advance(FIFTEEN_MINUTES - 1);
    expect(idled()).toBe(0);
    time.advance(1);
    expect(idled()).toBe(1);
  });

  it('stops with sign-out, and a new sign-in starts a fresh stretch', () => {
    const { time, watch, idled } = setUp();
    watch.start();
    time.advance(10 * 60_000);
    watch.stop();
    expect(time.pending()).toBe(0);
    time.advance(FIFTEEN_MINUTES);
    expect(idled()).toBe(0);
    watch.start();
    watch.start();
    expect(time.pending()).toBe(1);
    time.advance(FIFTEEN_MINUTES - 1);
    expect(idled()).toBe(0);
    time.advance(1);
    expect(idled()).toBe(1);
  });
});
