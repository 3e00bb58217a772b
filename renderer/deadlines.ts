// Deadlines on what the page waits for, so no spinner turns forever. The page's bridge is
// wrapped once: each call either answers as main answered, or, once its deadline passes,
// with a 'timed-out' failure whose message ends in trying again.
// - getView: main answers it from memory, so a few seconds of silence means main is stuck.
// - every other call may reach Stytch, which main itself gives up on after the timeout the
//   view carries (features.stytchTimeoutMs); the page waits that long plus a margin, so it
//   never gives up before main has had its own say.
import type { AuthView, GrimoireApi, InvokeMethod, IpcFailureCode, IpcResult, PushMethod } from '../preload/api';

export const FIRST_VIEW_TIMEOUT_MS = 5000;
/** Time for main to notice its own Stytch timeout, map it and answer over IPC. */
export const STYTCH_MARGIN_MS = 5000;
export const TIMED_OUT_CODE = 'timed-out' satisfies IpcFailureCode;

export const VIEW_TIMED_OUT =
  'PromptGrimoire’s background service is not answering. Try again; if it keeps happening, quit the app and open it again.';
export const CALL_TIMED_OUT = 'The sign-in service is taking too long to answer. Check your connection, then try again.';

export interface DeadlineTimers {
  set: (run: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

const realTimers: DeadlineTimers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** How long the page waits for a method, or null for no deadline (no view yet tells the Stytch timeout). */
export function deadlineFor(method: InvokeMethod, view: AuthView | null): number | null {
  if (method === 'getView') return FIRST_VIEW_TIMEOUT_MS;
  // Read warily: a malformed view is what breaks rendering, and the report of that break
  // goes through here too.
  const features = view?.features as Partial<AuthView['features']> | null | undefined;
  const stytchTimeoutMs = features?.stytchTimeoutMs;
  return typeof stytchTimeoutMs === 'number' && stytchTimeoutMs > 0 ? stytchTimeoutMs + STYTCH_MARGIN_MS : null;
}

/** Resolves with the call's own answer, or with a timed-out failure once `ms` has passed. */
export function raceDeadline<T>(call: Promise<IpcResult<T>>, ms: number | null, message: string, timers: DeadlineTimers = realTimers): Promise<IpcResult<T>> {
  if (ms === null) return call;
  return new Promise((resolve, reject) => {
    const handle = timers.set(() => resolve({ ok: false, code: TIMED_OUT_CODE, message }), ms);
    call.then(
      (result) => {
        timers.clear(handle);
        resolve(result);
      },
      (error: unknown) => {
        timers.clear(handle);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** The contract names every subscription `on…` and no call so; the page needs no list of them. */
const isSubscription = (name: keyof GrimoireApi): name is PushMethod => /^on[A-Z]/.test(name);

/**
 * The same bridge with a deadline on every call. `latestView` is read at each call, so the
 * deadline follows the configuration main reports. Subscriptions (`on…`) pass through untouched.
 */
export function withDeadlines(api: GrimoireApi, latestView: () => AuthView | null, timers: DeadlineTimers = realTimers): GrimoireApi {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(api) as [keyof GrimoireApi, (...args: unknown[]) => unknown][]) {
    wrapped[name] =
      isSubscription(name)
        ? method
        : (...args: unknown[]) =>
            raceDeadline(
              method(...args) as Promise<IpcResult<unknown>>,
              deadlineFor(name, latestView()),
              name === 'getView' ? VIEW_TIMED_OUT : CALL_TIMED_OUT,
              timers,
            );
  }
  return Object.freeze(wrapped) as unknown as GrimoireApi;
}
