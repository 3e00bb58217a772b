// The signed-in session over time, and its stored copies: confirm it remotely after a
// restore, refresh the JWT before it goes stale, end it when its expires_at passes or Stytch
// no longer knows it, stay signed in (flagged offline) while Stytch cannot be reached, and
// send the revokes an offline sign-out left. The flow owns the state and the views; this
// owns the timers and what is stored.
// Rule: nothing here may import electron; network trouble never signs anyone out, only
// Stytch saying the session is gone or the local expires_at passing does; the local copy is
// wiped before anyone is told a session is over, so no view can show signed-out while a
// token is still stored.
import type { GatewayFailure, StytchGateway } from '../auth/stytch-gateway';
import type { Clock, Logger } from '../../common/ports';
import { confirmRemotely, type RemoteConfirm } from './restore';
import { createRevokeSender } from './revoke-queue';
import { jwtExpiryHint } from '../auth/jwt-verify';
import { backoffDelay, MAX_TIMER_MS, refreshDelay, schedule, type Cancel } from './timers';
import type { SessionVault, StoredSession } from './session-vault';

/** Why a session ended, which decides the notice a person reads. */
export type SessionEnd = 'revoked' | 'expired';

/** Stytch ending a session this close to its expires_at means it expired, whatever the clocks say. */
const EXPIRY_SKEW_MS = 60_000;

// A proxy that wants a password or an untrusted inspecting proxy stands between us and Stytch
// just as a dead network does: the session is kept and flagged offline.
const NETWORK_CODES: ReadonlySet<string> = new Set(['offline', 'timeout', 'certificate-untrusted', 'proxy-auth-required']);
export const isNetworkFailure = (failure: GatewayFailure): boolean => NETWORK_CODES.has(failure.code);

export interface SessionKeeperDeps {
  gateway: StytchGateway;
  vault: SessionVault;
  clock: Clock;
  logger: Logger;
  /** Jitter for retry backoff, in [0, 1); default Math.random. */
  random?: () => number;
  /** Hands a background promise to the owner, so its idle() and dispose() wait for it. */
  track(task: Promise<unknown>): void;
  /** The session the person is signed in with now, or null. */
  current(): StoredSession | null;
  /** Stytch confirmed the session (already stored; the offline flag is already false): show it. */
  refreshed(session: StoredSession): void;
  /** The session is over and wiped: show sign-in with the notice for `reason`. */
  ended(reason: SessionEnd): void;
  /** Only the offline flag, or whether the session reached the disk, changed: push the view. */
  statusChanged(): void;
}

export function createSessionKeeper(deps: SessionKeeperDeps) {
  const { gateway, vault, clock, logger } = deps;
  const track = (task: Promise<unknown>): void => deps.track(task);
  const random = deps.random ?? Math.random;
  const revokes = createRevokeSender({ queue: vault.revokes, gateway, logger, random, track });
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
    vault.wipe();
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
        expiryTimer = schedule(Math.min(MAX_TIMER_MS, expiresAt - clock.now()), fire);
        return;
      }
      logger.info('stored session reached its expiry');
      end('expired');
    };
    expiryTimer = schedule(Number.isFinite(expiresAt) ? Math.min(MAX_TIMER_MS, expiresAt - clock.now()) : 0, fire);
  }

  function arm(delayMs: number): void {
    cancelRefresh();
    if (!disposed) refreshTimer = schedule(delayMs, () => void checkNow());
  }

  /** Held at once, written in the background: a failed write shows as memory-only and is retried. */
  function store(session: StoredSession): void {
    vault.save(session);
    track(vault.written());
  }
  const stopWatchingDisk = vault.onPersistenceChange(() => deps.statusChanged());

  function settle(outcome: RemoteConfirm): void {
    const now = clock.now();
    if (outcome.kind === 'confirmed') {
      attempt = 0;
      offline = false;
      store(outcome.session);
      deps.refreshed(outcome.session);
      armExpiry(outcome.session);
      arm(refreshDelay(now, jwtExpiryHint(outcome.session.sessionJwt, now)));
      // Stytch answered: a good moment to send anything that waited for the network.
      track(revokes.flush());
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
    const wait = backoffDelay(attempt, random);
    attempt += 1;
    logger.warn('could not check the session with Stytch; keeping it', { ...outcome.failure, retryInMs: wait });
    arm(wait);
    // Stytch answering with an error means the network is up: only silence is "offline".
    if (offline !== network) {
      offline = network;
      deps.statusChanged();
    }
  }

  /** Checks with Stytch now (a retry a person or the network asked for); joins a check in flight. */
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
    track(run);
    return run;
  }

  /** Stops watching (sign-out); answers still on the way are ignored. */
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
    get offline(): boolean {
      return offline;
    },
    /** Watches a session: `restored` confirms it now, a fresh sign-in refreshes it later. */
    begin(session: StoredSession, restored: boolean): void {
      stop();
      armExpiry(session);
      if (restored) {
        void checkNow();
        return;
      }
      const now = clock.now();
      arm(refreshDelay(now, jwtExpiryHint(session.sessionJwt, now)));
      // A sign-in just reached Stytch: anything queued can go out too.
      track(revokes.flush());
    },
    checkNow,
    /** Sends revokes left by an earlier offline sign-out (at start-up). */
    resume(): void {
      track(revokes.flush());
    },
    /**
     * Signs out: stops the timers, queues the token (encrypted) BEFORE the local copy goes,
     * so an offline sign-out or a crash mid-request still revokes it later, and wipes. The
     * returned promise settles once the revoke was sent or left queued for a retry.
     */
    retire(session: StoredSession): Promise<void> {
      stop();
      vault.revokes.add(session.sessionToken, Date.parse(session.expiresAt));
      vault.wipe();
      return revokes.flush();
    },
    /**
     * A stored session that failed its local check for good: never watched, set aside, and
     * its token queued for a revoke that goes out with the next flush (now, or once online).
     */
    reject(session: StoredSession, reason: string): void {
      vault.revokes.add(session.sessionToken, Date.parse(session.expiresAt));
      vault.setAside(reason);
      logger.warn('the stored session failed verification; it was set aside and will be revoked', { reason });
    },
    dispose(): void {
      stop();
      disposed = true;
      revokes.dispose();
      stopWatchingDisk();
    },
  };
}

export type SessionKeeper = ReturnType<typeof createSessionKeeper>;
