// One handle on everything that happens to a session after sign-in: the lifecycle
// (confirm, refresh, expiry, offline) and the queue of revokes an offline sign-out left.
// The flow owns the state and the views; this owns the timers and the stored copies.
// Rule: nothing here may import electron; the local copy is wiped before anyone is told
// a session is over, so no view can show signed-out while a token is still stored.
import type { StytchGateway } from '../auth/stytch-gateway';
import type { Clock, Logger } from '../../common/ports';
import { createSessionLifecycle, type SessionEnd } from './lifecycle';
import { createRevokeSender } from './revoke-sender';
import { createTimerScheduler, type Scheduler } from './scheduler';
import type { SessionVault, StoredSession } from './session-vault';

export interface SessionKeeperDeps {
  gateway: StytchGateway;
  vault: SessionVault;
  clock: Clock;
  logger: Logger;
  /** Default: real timers. */
  scheduler?: Scheduler;
  /** Jitter for retry backoff, in [0, 1); default Math.random. */
  random?: () => number;
  track(task: Promise<unknown>): void;
  /** The session the person is signed in with now, or null. */
  current(): StoredSession | null;
  /** Stytch confirmed the session (already stored): show it. */
  refreshed(session: StoredSession): void;
  /** The session is over and wiped: show sign-in with the notice for `reason`. */
  ended(reason: SessionEnd): void;
  /** Only the offline flag changed: push the view. */
  offlineChanged(): void;
}

export function createSessionKeeper(deps: SessionKeeperDeps) {
  const { gateway, vault, logger } = deps;
  const track = (task: Promise<unknown>): void => deps.track(task);
  const scheduler = deps.scheduler ?? createTimerScheduler();
  const random = deps.random ?? Math.random;
  const revokes = createRevokeSender({ queue: vault.revokes, gateway, scheduler, logger, random, track });
  const store = (session: StoredSession): void => {
    try {
      vault.save(session);
    } catch (error) {
      // Signed in for this run either way; the next start restores the older copy and asks again.
      logger.error('could not store the refreshed session', { error });
    }
  };
  const lifecycle = createSessionLifecycle({
    gateway,
    clock: deps.clock,
    scheduler,
    logger,
    random,
    track,
    current: () => deps.current(),
    refreshed(session) {
      store(session);
      deps.refreshed(session);
    },
    ended(reason) {
      vault.wipe();
      deps.ended(reason);
    },
    offlineChanged: () => deps.offlineChanged(),
    contacted: () => track(revokes.flush()),
  });

  return {
    get offline(): boolean {
      return lifecycle.offline;
    },
    /** Watches a session: `restored` confirms it now, a fresh sign-in refreshes it later. */
    begin(session: StoredSession, restored: boolean): void {
      lifecycle.begin(session, restored);
      // A sign-in just reached Stytch: anything queued can go out too.
      if (!restored) track(revokes.flush());
    },
    checkNow: () => lifecycle.checkNow(),
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
      lifecycle.stop();
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
      lifecycle.dispose();
      revokes.dispose();
    },
  };
}

export type SessionKeeper = ReturnType<typeof createSessionKeeper>;
