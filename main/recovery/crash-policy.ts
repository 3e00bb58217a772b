// What to do when the window's page dies or hangs. Pure: the clock and timers are injected,
// so the counting is tested without waiting, and main/electron/crash-recovery.ts only turns
// Electron's events into calls here and the answers into actions.
// Rule: nothing here may import electron.
import type { Clock } from '../../common/ports';
import { schedule, type Cancel } from '../session/timers';

export interface CrashPolicyOptions {
  /** Reloads allowed within `windowMs`; the next crash in that time gives up. */
  maxReloads: number;
  windowMs: number;
  /** How long a page may stay unresponsive before the person is offered a reload. */
  unresponsiveMs: number;
}

export const DEFAULT_CRASH_POLICY: CrashPolicyOptions = { maxReloads: 3, windowMs: 60_000, unresponsiveMs: 10_000 };

/**
 * 'ignore': the page ended on purpose (a clean exit). 'reload': start it again.
 * 'give-up': it keeps crashing; reloading again would only loop, so ask the person.
 */
export type CrashDecision = { action: 'ignore' } | { action: 'reload'; crashesInWindow: number } | { action: 'give-up'; crashesInWindow: number };

export interface CrashPolicy {
  /** The page's renderer process went away for `reason` (Electron's render-process-gone reason). */
  rendererGone(reason: string): CrashDecision;
  /** The person chose Reload after a give-up: they start a fresh count. */
  startOver(): void;
  /** The page stopped answering; `overdue` runs if it is still unresponsive after `unresponsiveMs`. */
  unresponsive(overdue: () => void): void;
  /** The page answers again (or is gone): the pending offer is dropped. */
  responsive(): void;
}

export function createCrashPolicy(clock: Clock, options: CrashPolicyOptions = DEFAULT_CRASH_POLICY): CrashPolicy {
  let crashes: number[] = [];
  let hang: Cancel | null = null;

  const responsive = (): void => {
    hang?.();
    hang = null;
  };

  return {
    rendererGone(reason) {
      responsive();
      if (reason === 'clean-exit') return { action: 'ignore' };
      const now = clock.now();
      crashes = crashes.filter((at) => now - at < options.windowMs);
      crashes.push(now);
      const crashesInWindow = crashes.length;
      return crashesInWindow > options.maxReloads ? { action: 'give-up', crashesInWindow } : { action: 'reload', crashesInWindow };
    },
    startOver() {
      crashes = [];
    },
    unresponsive(overdue) {
      // Electron repeats 'unresponsive' while the hang lasts; the first one starts the wait.
      if (hang !== null) return;
      hang = schedule(options.unresponsiveMs, () => {
        hang = null;
        overdue();
      });
    },
    responsive,
  };
}
