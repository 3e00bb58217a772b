// The page's line to the main process's AuthView, opened before React renders anything.
// The first getView and the push subscription start together, so:
// - the first render can wait for the answer and show the right screen at once, instead
//   of rendering a placeholder and then the real screen (the main process answers getView
//   from memory, so the wait is one IPC round trip);
// - no push can slip in between that answer and the moment React starts listening.
import type { AuthView, GrimoireApi, IpcResult } from '../preload/api';

export const BRIDGE_MISSING =
  'PromptGrimoire could not reach its sign-in service. Quit the app and open it again.';
const CALL_CRASHED = 'Something went wrong inside PromptGrimoire. Please try again.';

/** What a call that answers with a view left us: the view, or the message to show instead. */
export type ViewOutcome = { view: AuthView; failure: null } | { view: null; failure: string };

/** null stands for a call that rejected, which the bridge never does by contract. */
export function outcomeOf(result: IpcResult<AuthView> | null): ViewOutcome {
  if (!result) return { view: null, failure: CALL_CRASHED };
  return result.ok ? { view: result.value, failure: null } : { view: null, failure: result.message };
}

export interface ViewFeed {
  /** Resolves once the first getView has been answered (at once when there is no bridge). */
  readonly ready: Promise<void>;
  /** The newest view so far (null before one arrives), and why the first getView gave none. */
  readonly current: () => { view: AuthView | null; failure: string | null };
  /**
   * Calls the listener at once with the newest view, if any, then with every view main
   * pushes; returns the function that stops it. Views arrive in the order main sent them.
   */
  readonly listen: (listener: (view: AuthView) => void) => () => void;
}

export function openViewFeed(api: GrimoireApi | undefined): ViewFeed {
  let view: AuthView | null = null;
  let failure: string | null = api ? null : BRIDGE_MISSING;
  const listeners = new Set<(view: AuthView) => void>();
  const take = (next: AuthView) => {
    view = next;
    for (const listener of listeners) listener(next);
  };

  // Never unsubscribed: the feed lives as long as the page.
  api?.onViewChanged(take);
  const ready = api
    ? api
        .getView()
        .then(outcomeOf, () => outcomeOf(null))
        .then((outcome) => {
          if (outcome.view) take(outcome.view);
          // A pushed view, if one came first, stays; the failure is shown beside it.
          else failure = outcome.failure;
        })
    : Promise.resolve();

  return {
    ready,
    current: () => ({ view, failure }),
    listen(listener) {
      listeners.add(listener);
      if (view) listener(view);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/**
 * Why the first getView gave no view, once it has answered; null when it gave one. For a page
 * rendered before that answer (main was slow), which would otherwise never hear of a refusal.
 */
export function firstFailure(feed: ViewFeed): Promise<string | null> {
  return feed.ready.then(() => {
    const { view, failure } = feed.current();
    return view ? null : failure;
  });
}

/**
 * Renders once the first getView has answered, or after `slowAfterMs` if it has not by then
 * (the page then shows its quiet restoring screen until the answer comes); never twice.
 */
export function renderWhenAnswered(
  feed: ViewFeed,
  render: () => void,
  slowAfterMs: number,
  timers: { set: (run: () => void, ms: number) => unknown; clear: (handle: unknown) => void } = {
    set: (run, ms) => setTimeout(run, ms),
    clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  },
): void {
  let rendered = false;
  const once = () => {
    if (rendered) return;
    rendered = true;
    render();
  };
  const slow = timers.set(once, slowAfterMs);
  void feed.ready.then(() => {
    timers.clear(slow);
    once();
  });
}
