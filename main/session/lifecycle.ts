// The signed-in session over time: confirm it remotely after a restore, refresh the JWT
// before it goes stale, end it when its expires_at passes or Stytch no longer knows it,
// and stay signed in (flagged offline) while Stytch cannot be reached.
// Rule: nothing here may import electron; network trouble never signs anyone out, only
// Stytch saying the session is gone or the local expires_at passing does.
import type { GatewayFailure, StytchGateway } from '../auth/stytch-gateway';
import type { Clock, Logger } from '../../common/ports';
import { confirmRemotely, type RemoteConfirm } from './restore';
import { backoffDelay, jwtExpiryHint, MAX_TIMER_MS, refreshDelay, type Cancel, type Scheduler } from './scheduler';
import type { StoredSession } from './session-vault';

/** Why a session ended, which decides the notice a person reads. */
export type SessionEnd = 'revoked' | 'expired';

/** Stytch ending a session this close to its expires_at means it expired, whatever the clocks say. */
const EXPIRY_SKEW_MS = 60_000;

// A proxy that wants a password or an untrusted inspecting proxy stands between us and Stytch
// just as a dead network does: the session is kept and flagged offline.
const NETWORK_CODES: ReadonlySet<string> = new Set(['offline', 'timeout', 'certificate-untrusted', 'proxy-auth-required']);
export const isNetworkFailure = (failure: GatewayFailure): boolean => NETWORK_CODES.has(failure.code);

export interface LifecycleDeps {
  gateway: StytchGateway;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  random: () => number;
  /** Hands a background promise to the owner, so its idle() and dispose() wait for it. */
  track(task: Promise<unknown>): void;
  /** The session the person is signed in with now, or null. */
  current(): StoredSession | null;
  /** Stytch confirmed the session: store and show the fresh copy (the offline flag is already false). */
  refreshed(session: StoredSession): void;
  /** The session is over: wipe it and show sign-in with a notice for `reason`. */
  ended(reason: SessionEnd): void;
  /** The offline flag changed with nothing else; push the view. */
  offlineChanged(): void;
  /** Stytch answered a request: a good moment to send anything that waited for the network. */
  contacted(): void;
}

export interface SessionLifecycle {
  readonly offline: boolean;
  /** Starts watching a session: confirm it now (after a restore) or refresh it later (fresh sign-in). */
  begin(session: StoredSession, confirmNow: boolean): void;
  /** Checks with Stytch now (a retry a person or the network asked for); joins a check in flight. */
  checkNow(): Promise<void>;
  /** Stops watching (sign-out); answers still on the way are ignored. */
  stop(): void;
  dispose(): void;
}

export function createSessionLifecycle(deps: LifecycleDeps): SessionLifecycle {
  const { gateway, clock, scheduler, logger } = deps;
  let offline = false;
  let attempt = 0;
  let generation = 0;
  let disposed = false;
  let refreshTimer: Cancel | null = null;
  let expiryTimer: Cancel | null = null;
  let inFlight: Promise<void> | null = null;

  const expiresAtOf = (session: StoredSession): number => Date.parse(session.expiresAt);
  const cancelRefresh = (): void => {
    refreshTimer?.();
    refreshTimer = null;
  };

  function end(reason: SessionEnd): void {
    stop();
    deps.ended(reason);
  }

  function armExpiry(session: StoredSession): void {
    expiryTimer?.();
    const expiresAt = expiresAtOf(session);
    const fire = (): void => {
      expiryTimer = null;
      if (disposed || deps.current()?.sessionId !== session.sessionId) return;
      // Timers can fire early (the cap on long delays, a sleeping machine): re-arm until due.
      if (!(clock.now() >= expiresAt)) {
        expiryTimer = scheduler.schedule(Math.min(MAX_TIMER_MS, expiresAt - clock.now()), fire);
        return;
      }
      logger.info('stored session reached its expiry');
      end('expired');
    };
    expiryTimer = scheduler.schedule(Number.isFinite(expiresAt) ? Math.min(MAX_TIMER_MS, expiresAt - clock.now()) : 0, fire);
  }

  function arm(delayMs: number): void {
    cancelRefresh();
    if (!disposed) refreshTimer = scheduler.schedule(delayMs, () => void checkNow());
  }

  function settle(outcome: RemoteConfirm): void {
    const now = clock.now();
    if (outcome.kind === 'confirmed') {
      attempt = 0;
      offline = false;
      deps.refreshed(outcome.session);
      armExpiry(outcome.session);
      arm(refreshDelay(now, jwtExpiryHint(outcome.session.sessionJwt, now)));
      deps.contacted();
      return;
    }
    const session = deps.current();
    const expired = session !== null && now >= expiresAtOf(session) - (outcome.kind === 'ended' ? EXPIRY_SKEW_MS : 0);
    if (outcome.kind === 'ended' || expired) {
      logger.info('stored session ended', { errorType: outcome.failure.errorType, expired });
      end(expired ? 'expired' : 'revoked');
      return;
    }
    const network = isNetworkFailure(outcome.failure);
    const wait = backoffDelay(attempt, deps.random);
    attempt += 1;
    logger.warn('could not check the session with Stytch; keeping it', { ...outcome.failure, retryInMs: wait });
    arm(wait);
    // Stytch answering with an error means the network is up: only silence is "offline".
    if (offline !== network) {
      offline = network;
      deps.offlineChanged();
    }
  }

  function checkNow(): Promise<void> {
    if (inFlight) return inFlight;
    const session = deps.current();
    if (disposed || !session) return Promise.resolve();
    cancelRefresh();
    const started = generation;
    const run = confirmRemotely(session, gateway)
      .then((outcome) => {
        if (disposed || started !== generation || deps.current()?.sessionId !== session.sessionId) return;
        settle(outcome);
      })
      .finally(() => {
        if (inFlight === run) inFlight = null;
      });
    inFlight = run;
    deps.track(run);
    return run;
  }

  function stop(): void {
    generation += 1;
    inFlight = null;
    cancelRefresh();
    expiryTimer?.();
    expiryTimer = null;
    attempt = 0;
    offline = false;
  }

  return {
    get offline() {
      return offline;
    },
    begin(session, confirmNow) {
      stop();
      armExpiry(session);
      if (confirmNow) void checkNow();
      else {
        const now = clock.now();
        arm(refreshDelay(now, jwtExpiryHint(session.sessionJwt, now)));
      }
    },
    checkNow,
    stop,
    dispose() {
      stop();
      disposed = true;
    },
  };
}
