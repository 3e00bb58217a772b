// Session tokens still to be revoked at Stytch because sign-out happened offline. They are
// kept encrypted with the Cipher in one Store key (memory only without a cipher), so a
// revoke survives a restart. A token whose session has expired anyway is dropped unsent.
// Rule: nothing here may import electron; no token leaves this file except to the gateway.
import { z } from 'zod';
import type { CipherStatus, Clock, Logger, Store } from '../ports';
import { createSealedSlot, type Persistence } from './sealed-slot';

export const REVOKES_KEY = 'pending-revokes';
/** More offline sign-outs than this is not a real person; the oldest are dropped. */
export const MAX_PENDING_REVOKES = 20;

const recordSchema = z.object({
  entries: z.array(z.object({ token: z.string().min(1), expiresAt: z.number(), queuedAt: z.number() })),
});
type RevokeRecord = z.infer<typeof recordSchema>;

export interface RevokeQueue {
  readonly persistence: Persistence;
  /** Queues a token whose session ends at `expiresAtMs` (after that there is nothing to revoke). */
  add(token: string, expiresAtMs: number): void;
  /** Tokens of sessions that have not expired, oldest first. */
  pending(): string[];
  remove(token: string): void;
}

export function createRevokeQueue(deps: { cipher: CipherStatus; store: Store; logger: Logger; clock: Clock }): RevokeQueue {
  const slot = createSealedSlot<RevokeRecord>({
    key: REVOKES_KEY,
    ...deps,
    parse: (value) => {
      const result = recordSchema.safeParse(value);
      return result.success ? result.data : null;
    },
  });
  const live = (): RevokeRecord['entries'] => {
    const now = deps.clock.now();
    return (slot.read()?.entries ?? []).filter((entry) => entry.expiresAt > now);
  };
  const save = (entries: RevokeRecord['entries']): void => {
    if (entries.length === 0) slot.clear();
    else slot.write({ entries });
  };

  return {
    persistence: slot.persistence,
    add(token, expiresAtMs) {
      const entries = [...live().filter((entry) => entry.token !== token), { token, expiresAt: expiresAtMs, queuedAt: deps.clock.now() }];
      save(entries.slice(-MAX_PENDING_REVOKES));
    },
    pending: () => live().map((entry) => entry.token),
    remove(token) {
      const all = slot.read()?.entries ?? [];
      const kept = live().filter((entry) => entry.token !== token);
      if (kept.length !== all.length) save(kept);
    },
  };
}
