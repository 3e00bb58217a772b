// Signs out after a stretch with no input: the organisation's idle timeout. Input reports
// only move a timestamp; a single timer checks, when it fires, whether the whole stretch
// really passed, and re-arms for the rest if not. So a burst of pointer events costs no
// timer churn, and the decision depends only on the injected clock.
// Rule: nothing here may import electron; off unless a timeout is configured.
import type { Clock } from '../../common/ports';
import { schedule, type Cancel } from './timers';

export interface IdleWatchDeps {
  timeoutMs: number;
  clock: Clock;
  /** The person was idle for the whole timeout while watched. */
  onIdle(): void;
}

export interface IdleWatch {
  /** Starts watching from now (signed in); a second call keeps the running watch. */
  start(): void;
  /** Keyboard or pointer input, or any other action by the person. */
  activity(): void;
  /** Stops watching (signed out, quitting). */
  stop(): void;
}

export function createIdleWatch(deps: IdleWatchDeps): IdleWatch {
  const { timeoutMs, clock } = deps;
  let lastActivity = 0;
  let timer: Cancel | null = null;

  const arm = (delayMs: number): void => {
    timer = schedule(delayMs, check);
  };
  function check(): void {
    timer = null;
    const idleFor = clock.now() - lastActivity;
    if (idleFor >= timeoutMs) deps.onIdle();
    else arm(timeoutMs - idleFor);
  }

  return {
    start() {
      if (timer) return;
      lastActivity = clock.now();
      arm(timeoutMs);
    },
    activity() {
      lastActivity = clock.now();
    },
    stop() {
      timer?.();
      timer = null;
    },
  };
}
