// A sealed slot holding a list of entries that expire: the shape shared by the PKCE verifiers
// and the queue of offline revokes. Expired entries are never handed out, and an empty list
// removes the key rather than storing an empty ciphertext.
// Rule: nothing here may import electron; entries are stored only through the sealed slot.
import { z } from 'zod';
import type { CipherStatus, Clock, Logger, Store } from '../../common/ports';
import { createSealedSlot, type Persistence } from './sealed-slot';

export interface SealedEntries<E> {
  readonly persistence: Persistence;
  /** Entries that have not expired, in stored order. */
  live(): E[];
  /** Every stored entry, expired ones included. */
  stored(): E[];
  /** Replaces the list; an empty one removes the key. */
  save(entries: E[]): void;
  clear(): void;
}

export interface SealedEntriesDeps<E> {
  key: string;
  /** The stored record's one field, e.g. `{ "verifiers": [...] }`. */
  field: string;
  entry: z.ZodType<E>;
  cipher: CipherStatus;
  store: Store;
  logger: Logger;
  clock: Clock;
}

export function createSealedEntries<E extends { expiresAt: number }>(deps: SealedEntriesDeps<E>): SealedEntries<E> {
  const { field, clock } = deps;
  const slot = createSealedSlot<Record<string, E[]>>({ ...deps, schema: z.object({ [field]: z.array(deps.entry) }) });
  const stored = (): E[] => slot.read()?.[field] ?? [];
  return {
    persistence: slot.persistence,
    live() {
      const now = clock.now();
      return stored().filter((entry) => entry.expiresAt > now);
    },
    stored,
    save(entries) {
      if (entries.length === 0) slot.clear();
      else slot.write({ [field]: entries });
    },
    clear: () => slot.clear(),
  };
}
