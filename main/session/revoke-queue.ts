// Session tokens still to be revoked at Stytch because sign-out happened offline. They are
// kept encrypted with the Cipher in one Store key (memory only without a cipher), so a
// revoke survives a restart. A token whose session has expired anyway is dropped unsent.
// Rule: nothing here may import electron; no token leaves this file except to the gateway.
import { z } from 'zod';
import type { CipherStatus, Clock, Logger, Store } from '../../common/ports';
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
