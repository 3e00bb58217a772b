// Keeps the renderer's copy of the main process's AuthView. The main process owns the
// state: every answer and every push simply replaces what we show. IPC delivers replies
// and pushes in order, so the last one to arrive is the newest.
import { useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { AuthView, GrimoireApi, IpcResult } from '../preload/api';
import { BridgeContext } from './bridge-context';
import { TIMED_OUT_CODE } from './deadlines';
import { BRIDGE_MISSING, firstFailure, outcomeOf } from './view-feed';
import type { ViewFeed } from './view-feed';

export type Pending = 'load' | 'send' | 'resend' | 'submit' | 'confirm' | 'cancel' | 'start-over' | 'dismiss' | 'sign-out';

export interface AuthActions {
  reload: () => void;
  sendLink: (email: string) => void;
  /** Runs the last send again (a notice's 'retry'); false when there is nothing to retry. */
  retry: () => boolean;
  resend: () => void;
  submitLink: (link: string) => void;
  /** The answers to "Continue as …?" for a link not requested on this computer. */
  confirmLink: () => void;
  cancelLink: () => void;
  startOver: () => void;
  dismissNotice: () => void;
  signOut: () => void;
  clearFailure: () => void;
  /** Runs a call that timed out once more (the failure's "Try again"). */
  retryTimedOut: () => void;
}

export interface Auth {
  view: AuthView | null;
  /** The message of the last call that failed (or of a missing bridge); shown as an alert. */
  failure: string | null;
  /** Which call is in flight, so its button shows it is busy and refuses a second press. */
  pending: Pending | null;
  /** The failure is a call that ran out of time, which "Try again" runs once more. */
  timedOut: boolean;
  /** Whether a 'retry' notice has a send to run again. */
  canRetry: boolean;
  /** The last 'link-sent' view: a resend passes through 'sending', which carries no times. */
  lastLinkSent: AuthView | null;
  actions: AuthActions;
}

type Call = (api: GrimoireApi) => Promise<IpcResult<AuthView>>;

/** The feed has already asked for the view: the first render starts from its answer. */
export function useAuth(feed: ViewFeed): Auth {
  const [first] = useState(feed.current);
  const [view, setView] = useState<AuthView | null>(first.view);
  const [failure, setFailure] = useState<string | null>(first.failure);
  const [pending, setPending] = useState<Pending | null>(null);
  // The call that last ran out of time, for "Try again"; state says whether there is one.
  const [timedOut, setTimedOut] = useState(false);
  const timedOutRef = useRef<{ kind: Pending; call: Call } | null>(null);
  const api = useContext(BridgeContext);
  const [lastEmail, setLastEmail] = useState<string | null>(null);
  const [lastLinkSent, setLastLinkSent] = useState<AuthView | null>(
    first.view?.status === 'link-sent' ? first.view : null,
  );
  // Refs mirror state for the callbacks, which are created once.
  const pendingRef = useRef<Pending | null>(null);
  const lastEmailRef = useRef<string | null>(null);
  const viewRef = useRef<AuthView | null>(first.view);
  const alive = useRef(false);

  const accept = useMemo(
    () => (next: AuthView) => {
      viewRef.current = next;
      setView(next);
      if (next.status === 'link-sent') setLastLinkSent(next);
    },
    [],
  );

  const actions = useMemo<AuthActions>(() => {
    const run = (kind: Pending, call: Call) => {
      if (!api) {
        setFailure(BRIDGE_MISSING);
        return;
      }
      if (pendingRef.current) return;
      pendingRef.current = kind;
      setPending(kind);
      setFailure(null);
      timedOutRef.current = null;
      setTimedOut(false);
      const settle = (result: IpcResult<AuthView> | null) => {
        pendingRef.current = null;
        if (!alive.current) return;
        setPending(null);
        if (result && !result.ok && result.code === TIMED_OUT_CODE) {
          timedOutRef.current = { kind, call };
          setTimedOut(true);
        }
        const outcome = outcomeOf(result);
        if (outcome.view) accept(outcome.view);
        else setFailure(outcome.failure);
      };
      call(api).then(settle, () => settle(null));
    };
    const sendLink = (email: string) => {
      lastEmailRef.current = email;
      setLastEmail(email);
      run('send', (api) => api.sendLink({ email }));
    };
    return {
      reload: () => run('load', (api) => api.getView()),
      sendLink,
      retry: () => {
        const email = lastEmailRef.current ?? viewRef.current?.email ?? null;
        if (email === null) return false;
        sendLink(email);
        return true;
      },
      resend: () => run('resend', (api) => api.resend()),
      submitLink: (link) => run('submit', (api) => api.submitLink({ link })),
      confirmLink: () => run('confirm', (api) => api.confirmLink()),
      cancelLink: () => run('cancel', (api) => api.cancelLink()),
      startOver: () => run('start-over', (api) => api.startOver()),
      dismissNotice: () => run('dismiss', (api) => api.dismissNotice()),
      signOut: () => run('sign-out', (api) => api.signOut()),
      clearFailure: () => {
        setFailure(null);
        timedOutRef.current = null;
        setTimedOut(false);
      },
      retryTimedOut: () => {
        const last = timedOutRef.current;
        if (last) run(last.kind, last.call);
      },
    };
  }, [accept, api]);

  useEffect(() => {
    alive.current = true;
    pendingRef.current = null;
    // The feed replays its newest view first: usually the one rendered already (no change),
    // or one main pushed while the first render was on its way.
    const stop = feed.listen((next) => {
      if (alive.current) accept(next);
    });
    // Rendered before the first answer (main was slow): a failed answer arrives here.
    void firstFailure(feed).then((refused) => {
      if (alive.current && refused) setFailure(refused);
    });
    return () => {
      alive.current = false;
      stop();
    };
  }, [feed, accept]);

  return {
    view,
    failure,
    pending,
    timedOut: timedOut && failure !== null,
    canRetry: (lastEmail ?? view?.email ?? null) !== null,
    lastLinkSent,
    actions,
  };
}
