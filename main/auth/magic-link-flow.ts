// The sign-in state machine: restoring → signed-out → sending → link-sent → authenticating
// → signed-in, with a detour through confirming for a link this installation did not ask
// for (unrequested-link.ts). Every action ends in a defined state, failures carry a notice
// from the one table, and every change is pushed as a view through the one projection.
// Rule: nothing here may import electron; only views leave this module.
import type { AuthView, Notice } from '../../preload/api';
import type { AppConfig } from '../config';
import type { Clock, Logger } from '../../common/ports';
import { restoreLocally } from '../session/restore';
import { createSessionKeeper } from '../session/session-keeper';
import type { SessionVault, StoredSession } from '../session/session-vault';
import type { VerifierStore } from '../session/verifier-store';
import { checkCallbackUrl, parsePastedLink } from './deep-link';
import { createLinkAuthenticator, type LinkOutcome } from './link-authenticator';
import { requestLink } from './link-request';
import { CALLBACK_NOTICES, noticeFor, PASTE_NOTICES, type NoticeCode } from './notices';
import type { AuthenticatedSession, PublicJwk, StytchGateway } from './stytch-gateway';
import { createUnrequestedLinks } from './unrequested-link';
import { fallbackFrom, pendingOf, toAuthView, type FlowState, type PendingLink } from './view';

export { RESEND_COOLDOWN_MS } from './link-request';
const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

export interface FlowDeps {
  config: AppConfig;
  gateway: StytchGateway;
  vault: SessionVault;
  verifiers: VerifierStore;
  logger: Logger;
  clock: Clock;
  /** Jitter for retry backoff, in [0, 1); default Math.random. */
  random?: () => number;
}

export function createMagicLinkFlow(deps: FlowDeps) {
  const { config, gateway, vault, verifiers, logger, clock } = deps;
  const authenticator = createLinkAuthenticator({
    gateway,
    verifiers,
    logger,
    sessionDurationMinutes: config.sessionDurationMinutes,
  });
  const listeners = new Set<(view: AuthView) => void>();
  const background = new Set<Promise<unknown>>();
  let state: FlowState = { status: 'restoring' };
  let notice: Notice | null = null;
  let started: Promise<void> | null = null;
  // The project's public keys, shared by every session of this run: fetched once.
  let knownKeys: PublicJwk[] = [];

  const features = {
    signUpPolicy: config.signUpPolicy,
    invitesEnabled: config.invitesEnabled,
    stytchTimeoutMs: config.stytchTimeoutMs,
  } as const;
  // Refresh, expiry, the offline flag and queued revokes; the flow only shows the results.
  const keeper = createSessionKeeper({
    ...deps,
    track,
    current: () => (state.status === 'signed-in' ? state.session : null),
    refreshed(session) {
      set({ status: 'signed-in', session }, notice);
      if (session.signingKeys.length === 0) captureSigningKeys(session.sessionId);
    },
    ended: (reason) => set({ status: 'signed-out' }, noticeFor(reason === 'expired' ? 'session-expired' : 'session-ended')),
    statusChanged: () => set(state, notice),
  });
  const view = (): AuthView => toAuthView(state, notice, vault, features, keeper.offline);
  // A session from a link not requested here waits in memory for the person's answer.
  const unrequested = createUnrequestedLinks({
    gateway,
    logger,
    host: { state: () => state, set, view, signIn: (session) => signedIn(session, null), track },
  });

  function set(next: FlowState, nextNotice: Notice | null = null): AuthView {
    unrequested.leaving(state, next);
    state = next;
    notice = nextNotice;
    const current = view();
    for (const listener of listeners) {
      try {
        listener(current);
      } catch (error) {
        logger.error('view listener failed', { error });
      }
    }
    return current;
  }

  function track(task: Promise<unknown>): void {
    const guarded = task.catch((error: unknown) => logger.error('background task failed', { error }));
    background.add(guarded);
    void guarded.finally(() => background.delete(guarded));
  }

  function persist(session: StoredSession): void {
    try {
      vault.save(session);
      track(vault.written());
    } catch (error) {
      // The person is signed in for this run either way; the next start asks again.
      logger.error('could not store the session', { error });
    }
  }

  /** Captures the project's public keys once, so the next start verifies with no request. */
  function captureSigningKeys(sessionId: string): void {
    track(
      (knownKeys.length > 0 ? Promise.resolve({ ok: true as const, value: knownKeys }) : gateway.fetchSigningKeys()).then((result) => {
        if (!result.ok || state.status !== 'signed-in' || state.session.sessionId !== sessionId) return;
        knownKeys = result.value;
        const session = { ...state.session, signingKeys: result.value };
        state = { status: 'signed-in', session };
        persist(session);
      }),
    );
  }

  async function restoreNow(): Promise<void> {
    const restored = await restoreLocally(vault, gateway, clock.now());
    if (restored.kind === 'none') {
      set({ status: 'signed-out' });
    } else if (restored.kind === 'expired') {
      vault.wipe();
      set({ status: 'signed-out' }, noticeFor('session-expired'));
    } else if (restored.kind === 'rejected') {
      keeper.reject(restored.session, restored.reason);
      set({ status: 'signed-out' }, noticeFor('jwt-invalid'));
    } else {
      logger.info('restored the stored session', { localCheck: restored.jwt });
      if (restored.jwt === 'verified') knownKeys = restored.session.signingKeys;
      set({ status: 'signed-in', session: restored.session });
      keeper.begin(restored.session, true);
    }
  }

  /** Local underneath: resolves with no request made. */
  function start(): Promise<void> {
    started ??= restoreNow()
      .catch((error: unknown) => {
        logger.error('could not restore the stored session', { error });
        set({ status: 'signed-out' }, noticeFor('unexpected'));
      })
      // Revokes left by an offline sign-out go out as soon as there is a network.
      .then(() => keeper.resume());
    return started;
  }

  /**
   * The seed's require_auth: whatever is asked of the core, a session whose expires_at has
   * passed by now is ended first (timers can be late: a sleeping laptop, a stopped clock).
   * Returns true when it ended one.
   */
  function expireIfDue(): boolean {
    if (state.status !== 'signed-in' || clock.now() < Date.parse(state.session.expiresAt)) return false;
    logger.info('the session had expired when it was next used; ending it');
    // Stops its timers and wipes it; a revoke is never sent for a session already over.
    track(keeper.retire(state.session));
    set({ status: 'signed-out' }, noticeFor('session-expired'));
    return true;
  }

  async function ready(): Promise<void> {
    await start();
    expireIfDue();
  }

  async function sendLink(rawEmail: string, fromPending: PendingLink | null = null): Promise<AuthView> {
    await ready();
    if (state.status === 'signed-in') return set(state, noticeFor('already-signed-in'));
    if (state.status === 'sending' || state.status === 'authenticating' || state.status === 'confirming') return set(state, noticeFor('busy'));
    const email = rawEmail.trim();
    const back = fallbackFrom(fromPending);
    if (email.length > 254 || !EMAIL_SHAPE.test(email)) return set(back, noticeFor('invalid-email'));

    set({ status: 'sending', email, pending: fromPending });
    const sent = await requestLink({ config, gateway, verifiers, clock, logger }, email, fromPending);
    if (sent.ok) {
      vault.rememberEmail(email);
      return set({ status: 'link-sent', pending: sent.pending }, noticeFor('link-sent'));
    }
    const { code, retryAfterSeconds } = sent.failure;
    const fallback = fromPending
      ? { status: 'link-sent' as const, pending: { ...fromPending, resendAvailableAt: Math.max(fromPending.resendAvailableAt, sent.retryAt) } }
      : back;
    return set(fallback, noticeFor(code, retryAfterSeconds));
  }

  async function resend(): Promise<AuthView> {
    await ready();
    if (state.status !== 'link-sent') return set(state, noticeFor(state.status === 'signed-in' ? 'already-signed-in' : 'no-pending-link'));
    const pending = state.pending;
    const waitMs = pending.resendAvailableAt - clock.now();
    if (waitMs > 0) return set(state, noticeFor('resend-too-soon', waitMs / 1000));
    return sendLink(pending.email, pending);
  }

  /**
   * `spentVerifier` is null for a confirmed link without PKCE: a pending one stays intact.
   * `firstTime`: Stytch made the account when this link was sent, so the person is welcomed.
   */
  function signedIn(fresh: AuthenticatedSession, spentVerifier: string | null, firstTime = false): AuthView {
    // Keys already known are stored with the session right away (one write on the
    // critical path); otherwise they are fetched and stored in the background.
    const session: StoredSession = { ...fresh, signingKeys: knownKeys };
    persist(session);
    const current = set({ status: 'signed-in', session }, firstTime ? noticeFor('welcome') : null);
    logger.info('signed in', { persistence: vault.persistence, firstTime });
    // Housekeeping after the person sees the result: a second disk write need not delay it.
    if (spentVerifier !== null) track(new Promise<void>((resolve) => setImmediate(resolve)).then(() => verifiers.remove(spentVerifier)));
    if (knownKeys.length === 0) captureSigningKeys(session.sessionId);
    keeper.begin(session, false);
    return current;
  }

  /** Welcomed once: the link was for the address Stytch made an account for when it was sent. */
  const isNewAccount = (pending: PendingLink | null, session: AuthenticatedSession): boolean =>
    pending?.newAccount === true && session.user.email?.toLowerCase() === pending.email.toLowerCase();

  function discardLate(sessionToken: string): AuthView {
    logger.info('a sign-in finished after the person moved on; ending that session');
    track(gateway.revokeSession(sessionToken));
    return view();
  }

  async function authenticate(token: string): Promise<AuthView> {
    await ready();
    if (state.status === 'signed-in') {
      if (!authenticator.wasUsed(token)) logger.info('ignored a sign-in link while already signed in');
      return view();
    }
    const pending = pendingOf(state);
    // A link arriving while a question is open is exchanged too, but never replaces it.
    const asking = state.status === 'confirming';
    if (authenticator.wasUsed(token)) {
      logger.info('ignored a sign-in link that was already used');
      return set(state.status === 'authenticating' ? fallbackFrom(pending) : state, noticeFor('link-replayed'));
    }
    const attempt = authenticator.attempt(token);
    if (attempt.joined) {
      await attempt.outcome;
      return view();
    }
    if (!asking) set({ status: 'authenticating', pending });
    const outcome: LinkOutcome = await attempt.outcome;
    // The person may have moved on while Stytch answered (signed out, started over, another
    // link won): a session that arrives too late is ended, never silently brought back.
    const current = asking ? ['confirming', 'link-sent', 'signed-out'].includes(state.status) : state.status === 'authenticating';
    const settle = (code: NoticeCode, seconds?: number): AuthView =>
      asking ? set(state, noticeFor(code, seconds)) : set(fallbackFrom(pending), noticeFor(code, seconds));
    switch (outcome.kind) {
      case 'signed-in':
        // The person's own link (a verifier of ours matched): one click, even over a question.
        return current ? signedIn(outcome.session, outcome.verifier, isNewAccount(pending, outcome.session)) : discardLate(outcome.session.sessionToken);
      case 'unrequested':
        return unrequested.arrived(outcome.session, pending, asking, current);
      case 'replayed':
        return settle('link-replayed');
      case 'no-verifier':
        return settle('link-from-elsewhere');
      case 'failed':
        return settle(outcome.failure.code, outcome.failure.retryAfterSeconds);
    }
  }

  return {
    start,
    /** What the page shows now; an expired session is ended before it is shown. */
    view(): AuthView {
      expireIfDue();
      return view();
    },
    expireIfDue,
    onView(listener: (view: AuthView) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sendLink: (email: string) => sendLink(email),
    resend,
    async submitLink(link: string): Promise<AuthView> {
      await ready();
      const parsed = parsePastedLink(link);
      if (!parsed.ok) return set(state, noticeFor(PASTE_NOTICES[parsed.reason]));
      return authenticate(parsed.token);
    },
    async handleDeepLink(url: string): Promise<void> {
      const checked = checkCallbackUrl(url);
      if (checked?.ok) return void (await authenticate(checked.token));
      logger.warn('ignored a URL that is not a sign-in callback', { url, reason: checked?.reason ?? 'another scheme' });
      await ready();
      // Said where the person is waiting to sign in (the seed's "No token provided"); never
      // over a signed-in session, a request under way or an open question.
      if (checked && (state.status === 'signed-out' || state.status === 'link-sent')) set(state, noticeFor(CALLBACK_NOTICES[checked.reason]));
    },
    confirmLink: async (): Promise<AuthView> => (await ready(), unrequested.confirm()),
    cancelLink: async (): Promise<AuthView> => (await ready(), unrequested.cancel()),
    async startOver(): Promise<AuthView> {
      await ready();
      if (state.status === 'signed-in' || state.status === 'sending' || state.status === 'authenticating') return view();
      return set({ status: 'signed-out' });
    },
    dismissNotice: (): Promise<AuthView> => Promise.resolve(set(state, null)),
    /** `why`: the person asked, or the idle timeout ran out (the notice says which). */
    async signOut(why: 'signed-out' | 'signed-out-idle' = 'signed-out'): Promise<AuthView> {
      await ready();
      if (state.status !== 'signed-in') return set({ status: 'signed-out' }, noticeFor('signed-out'));
      // Wiped at once; the revoke is sent now or queued (encrypted) until the network is back.
      const revoking = keeper.retire(state.session);
      const current = set({ status: 'signed-out' }, noticeFor(why));
      await revoking;
      return current;
    },
    /** Checks the session with Stytch now (after a network change or a person's retry). */
    async checkSession(): Promise<AuthView> {
      await ready();
      await keeper.checkNow();
      return view();
    },
    /** Resolves when background work (remote confirm, key capture) has settled. */
    async idle(): Promise<void> {
      while (background.size > 0) await Promise.all([...background]);
    },
    async dispose(): Promise<void> {
      keeper.dispose();
      listeners.clear();
      await unrequested.dispose();
      while (background.size > 0) await Promise.all([...background]);
      await gateway.close();
    },
  };
}

export type MagicLinkFlow = ReturnType<typeof createMagicLinkFlow>;
