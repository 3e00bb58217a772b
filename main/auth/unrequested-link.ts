// The login-CSRF defence: a link this installation did not ask for (no PKCE challenge of
// ours: a device link, an invite, a pasted link of that kind) is exchanged, but its session
// is held here, in memory only, until the person answers "Continue as {email}?". Without
// this, anyone could sign a victim's app into the attacker's account with a link in a web
// page, and whatever the victim did next would land in the attacker's account.
// Rule: nothing here may import electron; the held session never reaches disk, a log or a
// view. It leaves only through Continue; every other end revokes it at Stytch and drops it.
import type { AuthView, Notice } from '../../preload/api';
import type { Logger } from '../../common/ports';
import { schedule, type Cancel } from '../session/timers';
import { noticeFor } from './notices';
import type { AuthenticatedSession, StytchGateway } from './stytch-gateway';
import { fallbackFrom as backFrom, pendingOf, type FlowState, type PendingLink } from './view';

/** How long the question waits for an answer before the held session is ended. */
export const CONFIRMATION_TIMEOUT_MS = 2 * 60_000;

/** What the sign-in flow lends this module: its state, its setter and its sign-in step. */
export interface ConfirmationHost {
  state(): FlowState;
  set(next: FlowState, notice?: Notice | null): AuthView;
  view(): AuthView;
  /** Signs in with a confirmed session; no verifier is spent, so a pending one stays intact. */
  signIn(session: AuthenticatedSession): AuthView;
  track(task: Promise<unknown>): void;
}

export interface UnrequestedLinkDeps {
  gateway: Pick<StytchGateway, 'revokeSession'>;
  logger: Logger;
  host: ConfirmationHost;
}

export function createUnrequestedLinks(deps: UnrequestedLinkDeps) {
  const { host, logger } = deps;
  let held: { session: AuthenticatedSession; stopTimer: Cancel } | null = null;

  // Best effort and never queued on disk: the token exists only in this process, so once it
  // is dropped nobody holds it; a revoke lost to the network leaves a session of the link's
  // own account that no one can use, and it expires on its own.
  async function revoke(session: AuthenticatedSession, why: string): Promise<void> {
    const result = await deps.gateway.revokeSession(session.sessionToken);
    if (result.ok) logger.info('ended the session of a sign-in link that was not confirmed', { why });
    else logger.warn('could not end the session of a sign-in link that was not confirmed', { why, code: result.failure.code });
  }

  function take(): AuthenticatedSession | null {
    if (!held) return null;
    const { session, stopTimer } = held;
    held = null;
    stopTimer();
    return session;
  }

  async function decline(why: string): Promise<void> {
    const session = take();
    if (session) await revoke(session, why);
  }

  function ask(session: AuthenticatedSession, pending: PendingLink | null): AuthView {
    const email = session.user.email;
    // "Continue as" needs an address the person can check; a link without one is refused.
    if (email === null) {
      host.track(revoke(session, 'no email'));
      return host.set(backFrom(pending), noticeFor('link-invalid'));
    }
    held = {
      session,
      stopTimer: schedule(CONFIRMATION_TIMEOUT_MS, () => {
        const state = host.state();
        if (held?.session === session && state.status === 'confirming') host.set(backFrom(state.pending), noticeFor('confirmation-expired'));
      }),
    };
    logger.info('a sign-in link not requested on this computer is waiting for confirmation');
    return host.set({ status: 'confirming', email, pending });
  }

  return {
    /**
     * A link came back 'unrequested'. `asking`: a question was already open when it arrived;
     * `current`: the flow is still where it was when the link arrived.
     */
    arrived(session: AuthenticatedSession, pending: PendingLink | null, asking: boolean, current: boolean): AuthView {
      if (asking) {
        // One question at a time: the second link's session is ended at once.
        host.track(revoke(session, 'another question was open'));
        const state = host.state();
        return state.status === 'confirming' ? host.set(state, noticeFor('confirmation-busy')) : host.view();
      }
      if (!current) {
        host.track(revoke(session, 'the person moved on'));
        return host.view();
      }
      return ask(session, pending);
    },
    /** Called by the flow before every state change: leaving the question by any road but Continue ends the session. */
    leaving(from: FlowState, to: FlowState): void {
      if (from.status === 'confirming' && to.status !== 'confirming' && held) host.track(decline('left'));
    },
    confirm(): AuthView {
      const state = host.state();
      const session = state.status === 'confirming' ? take() : null;
      if (!session) return host.set(state.status === 'confirming' ? backFrom(state.pending) : state, noticeFor('nothing-to-confirm'));
      logger.info('the person confirmed a sign-in link not requested on this computer');
      return host.signIn(session);
    },
    /** Cancel, and closing the window: back to the pending sign-in (or signed out). */
    async cancel(): Promise<AuthView> {
      const state = host.state();
      if (state.status !== 'confirming') return host.view();
      // Taken at once, and the state moves before the revoke is awaited, so nothing arriving
      // meanwhile sees the old question.
      const declining = decline('cancelled');
      const current = host.set(backFrom(pendingOf(state)), noticeFor('link-declined'));
      await declining;
      return current;
    },
    /** Quitting: the held session is ended before the gateway closes. */
    dispose: (): Promise<void> => decline('quit'),
  };
}
