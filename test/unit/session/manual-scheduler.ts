// A Scheduler driven by a ManualClock: timers fire only when the test moves time, in due
// order, and the clock reads each timer's due time while it runs.
import type { Scheduler } from '../../../main/session/scheduler';
import type { ManualClock } from '../../fixtures/manual-clock';

export interface ManualScheduler extends Scheduler {
  /** Moves the clock by `ms`, running every timer that falls due on the way. */
  advance(ms: number): void;
  /** Jumps to the earliest timer and runs it; returns how far the clock moved, or null. */
  runNext(): number | null;
  /** Delays until each pending timer, soonest first. */
  pending(): number[];
}

interface Timer {
  due: number;
  seq: number;
  task: () => void;
}

export function createManualScheduler(clock: ManualClock): ManualScheduler {
  let timers: Timer[] = [];
  let seq = 0;
  const earliest = (): Timer | undefined => [...timers].sort((a, b) => a.due - b.due || a.seq - b.seq)[0];
  const run = (timer: Timer): void => {
    timers = timers.filter((each) => each !== timer);
    if (timer.due > clock.now()) clock.set(timer.due);
    timer.task();
  };
  return {
    schedule(delayMs, task) {
      const timer = { due: clock.now() + Math.max(0, delayMs), seq: (seq += 1), task };
      timers.push(timer);
      return () => {
        timers = timers.filter((each) => each !== timer);
      };
    },
    advance(ms) {
      const target = clock.now() + ms;
      for (let next = earliest(); next && next.due <= target; next = earliest()) run(next);
      clock.set(target);
    },
    runNext() {
      const next = earliest();
      if (!next) return null;
      const moved = Math.max(0, next.due - clock.now());
      run(next);
      return moved;
    },
    pending: () => timers.map((timer) => timer.due - clock.now()).sort((a, b) => a - b),
  };
}
