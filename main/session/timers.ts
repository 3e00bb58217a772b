// Timers for the session, the idle timeout, confirmations and the clipboard: real setTimeout,
// capped and unref'd in one place. Tests drive them with vitest's fake timers. Also the pure
// delay policies: when to refresh, how to back off.
// Rule: nothing here may import electron; policies are pure functions of their inputs.

/** Cancels a timer; calling it again, or after the timer fired, does nothing. */
export type Cancel = () => void;

/** setTimeout caps delays at 2^31-1 ms (~24.8 days); longer ones fire early and re-arm. */
export const MAX_TIMER_MS = 2_147_483_647;

/** Runs `task` once after `delayMs` (capped at MAX_TIMER_MS, never negative). */
export function schedule(delayMs: number, task: () => void): Cancel {
  const timer = setTimeout(task, Math.min(MAX_TIMER_MS, Math.max(0, delayMs)));
  // A pending refresh must never keep a headless process (bench, CLI) alive.
  timer.unref();
  return () => clearTimeout(timer);
}

/** Never refresh sooner than this after a success, however short the JWT's life. */
export const MIN_REFRESH_MS = 30_000;
/** Refresh when this share of the JWT's remaining life has passed. */
export const REFRESH_AT_SHARE = 0.8;

export function refreshDelay(nowMs: number, jwtExpiresAtMs: number): number {
  return Math.max(MIN_REFRESH_MS, Math.floor((jwtExpiresAtMs - nowMs) * REFRESH_AT_SHARE));
}

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, capMs: 5 * 60_000 };

/**
 * Exponential backoff with "equal jitter": half of the capped step is fixed, half random.
 * The fixed half keeps retries from hammering; the random half keeps many installs that
 * lost the network together from retrying in lockstep. `attempt` counts from 0.
 */
export function backoffDelay(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(Math.max(0, attempt), 30));
  const share = Math.min(1, Math.max(0, random()));
  return Math.round(step / 2 + (step / 2) * share);
}
