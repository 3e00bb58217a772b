// Sends the revokes that an offline sign-out left in the queue: on start, after Stytch
// next answers anything, and on a backoff timer while the network stays away.
// Rule: nothing here may import electron; a token leaves the queue only once Stytch has
// revoked it or said it no longer exists.
import type { Logger } from '../../common/ports';
import type { StytchGateway } from '../auth/stytch-gateway';
import type { RevokeQueue } from './revoke-queue';
import { backoffDelay, type Cancel, type Scheduler } from './scheduler';

export interface RevokeSenderDeps {
  queue: RevokeQueue;
  gateway: StytchGateway;
  scheduler: Scheduler;
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
  const { queue, gateway, scheduler, logger } = deps;
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
      if (!disposed) timer = scheduler.schedule(wait, () => deps.track(flush()));
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
