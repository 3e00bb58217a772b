// Session tokens still to be revoked at Stytch because sign-out happened offline, and the
// sending of them: on start, after Stytch next answers anything, and on a backoff timer while
// the network stays away. They are kept encrypted with the Cipher in one Store key (memory
// only without a cipher), so a revoke survives a restart. A token whose session has expired
// anyway is dropped unsent.
// Rule: nothing here may import electron; no token leaves this file except to the gateway,
// and a token leaves the queue only once Stytch has revoked it or said it no longer exists.
import { z } from 'zod';
import type { StytchGateway } from '../auth/stytch-gateway';
import type { CipherStatus, Clock, Logger, Store } from '../../common/ports';
import { backoffDelay, schedule, type Cancel } from './timers';
import { createSealedEntries, type Persistence } from './sealed-slot';

export const REVOKES_KEY = 'pending-revokes';
/** More offline sign-outs than this is not a real person; the oldest are dropped. */
export const MAX_PENDING_REVOKES = 20;

const entrySchema = z.object({ token: z.string().min(1), expiresAt: z.number(), queuedAt: z.number() });

export interface RevokeQueue {
  readonly persistence: Persistence;
  /** Queues a token whose session ends at `expiresAtMs` (after that there is nothing to revoke). */
  add(token: string, expiresAtMs: number): void;
  /** Tokens of sessions that have not expired, oldest first. */
  pending(): string[];
  remove(token: string): void;
}

export function createRevokeQueue(deps: { cipher: CipherStatus; store: Store; logger: Logger; clock: Clock }): RevokeQueue {
  const list = createSealedEntries({ key: REVOKES_KEY, field: 'entries', entry: entrySchema, ...deps });

  return {
    persistence: list.persistence,
    add(token, expiresAtMs) {
      const entries = [...list.live().filter((entry) => entry.token !== token), { token, expiresAt: expiresAtMs, queuedAt: deps.clock.now() }];
      list.save(entries.slice(-MAX_PENDING_REVOKES));
    },
    pending: () => list.live().map((entry) => entry.token),
    remove(token) {
      const kept = list.live().filter((entry) => entry.token !== token);
      if (kept.length !== list.stored().length) list.save(kept);
    },
  };
}

export interface RevokeSenderDeps {
  queue: RevokeQueue;
  gateway: StytchGateway;
  logger: Logger;
  random: () => number;
  /** Hands the timer-started sends to the owner, so its idle() and dispose() wait for them. */
  track(task: Promise<unknown>): void;
}

export interface RevokeSender {
  /** Sends every queued revoke in order; stops at the first failure and retries later. */
  flush(): Promise<void>;
  dispose(): void;
}

export function createRevokeSender(deps: RevokeSenderDeps): RevokeSender {
  const { queue, gateway, logger } = deps;
  let attempt = 0;
  let timer: Cancel | null = null;
  let inFlight: Promise<void> | null = null;
  let disposed = false;

  async function sendAll(): Promise<void> {
    for (const token of queue.pending()) {
      const result = await gateway.revokeSession(token);
      if (result.ok || result.failure.code === 'session-ended') {
        queue.remove(token);
        continue;
      }
      const wait = backoffDelay(attempt, deps.random);
      attempt += 1;
      logger.warn('could not revoke a signed-out session yet; will retry', { ...result.failure, retryInMs: wait, queued: queue.pending().length });
      if (!disposed) timer = schedule(wait, () => deps.track(flush()));
      return;
    }
    attempt = 0;
  }

  function flush(): Promise<void> {
    if (inFlight) return inFlight;
    if (disposed) return Promise.resolve();
    timer?.();
    timer = null;
    const run = sendAll().finally(() => {
      if (inFlight === run) inFlight = null;
    });
    inFlight = run;
    return run;
  }

  return {
    flush,
    dispose() {
      disposed = true;
      timer?.();
      timer = null;
    },
  };
}
