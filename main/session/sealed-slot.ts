// One Store key holding one value encrypted with the Cipher (base64 ciphertext), and the
// list of expiring entries built on it (the PKCE verifiers, the queue of offline revokes).
// Without a real cipher the value lives in memory only. A value that cannot be decrypted or
// parsed is moved aside under a timestamped key and logged, never silently dropped; only the
// newest few are kept, so a value damaged on every start cannot grow the file without end.
// Rule: nothing here may import electron; plaintext never reaches the Store.
import { z } from 'zod';
import type { CipherStatus, Clock, Logger, Store } from '../../common/ports';

export type Persistence = 'encrypted' | 'memory-only';

export interface SealedSlot<T> {
  readonly persistence: Persistence;
  read(): T | null;
  write(value: T): void;
  clear(): void;
  /** Moves the stored value aside as damaged (kept for support, never read again). */
  setAside(reason: string): void;
}

export interface SealedSlotDeps<T> {
  key: string;
  cipher: CipherStatus;
  store: Store;
  logger: Logger;
  clock: Clock;
  /** What a stored value must look like; anything else is moved aside. */
  schema: z.ZodType<T>;
  /** Sees a value that decrypted but failed the schema (to revoke a token still in it). */
  onDamaged?: (plaintext: unknown) => void;
}

/** Values kept aside per key; older ones are removed. */
export const MAX_ASIDE_VALUES = 3;

const ASIDE_MARK = '~corrupt~';

export function asideKey(key: string, atMs: number): string {
  // No dots: electron-store reads dotted keys as nested paths.
  return `${key}${ASIDE_MARK}${new Date(atMs).toISOString().replace(/[:.]/g, '-')}`;
}

export function createSealedSlot<T>(deps: SealedSlotDeps<T>): SealedSlot<T> {
  const { key, cipher, store, logger, clock } = deps;
  let memory: T | null = null;
  // Decrypting on every read would cost a safeStorage call each time; the slot is the
  // only writer of its key, so a cache is exact.
  let cached: { value: T | null } | null = null;

  if (!cipher.available) {
    return {
      persistence: 'memory-only',
      read: () => memory,
      write: (value) => {
        memory = value;
      },
      clear: () => {
        memory = null;
      },
      setAside: () => {
        memory = null;
      },
    };
  }

  const pruneAside = (): void => {
    // The ISO stamp sorts by time, so the oldest come first.
    const aside = store.keys().filter((each) => each.startsWith(`${key}${ASIDE_MARK}`)).sort();
    const removed = aside.slice(0, Math.max(0, aside.length - MAX_ASIDE_VALUES));
    for (const each of removed) store.delete(each);
    if (removed.length > 0) logger.info('removed the oldest values kept aside', { key, removed: removed.length });
  };

  const moveAside = (raw: unknown, reason: string): void => {
    const aside = asideKey(key, clock.now());
    try {
      store.set(aside, raw);
      store.delete(key);
      pruneAside();
    } catch (error) {
      logger.error('could not move an unreadable stored value aside', { key, error });
      return;
    }
    logger.warn('stored value was unreadable and was moved aside', { key, movedTo: aside, reason });
  };

  return {
    persistence: 'encrypted',
    read() {
      if (cached) return cached.value;
      const raw = store.get(key);
      if (raw === undefined || raw === null) {
        cached = { value: null };
        return null;
      }
      if (typeof raw !== 'string') {
        moveAside(raw, 'not ciphertext');
        cached = { value: null };
        return null;
      }
      let plaintext: unknown;
      try {
        plaintext = JSON.parse(cipher.decrypt(raw));
      } catch (error) {
        moveAside(raw, error instanceof Error ? error.message : 'decrypt failed');
        cached = { value: null };
        return null;
      }
      const result = deps.schema.safeParse(plaintext);
      const parsed = result.success ? result.data : null;
      if (parsed === null) {
        moveAside(raw, 'unexpected shape');
        deps.onDamaged?.(plaintext);
      }
      cached = { value: parsed };
      return parsed;
    },
    write(value) {
      store.set(key, cipher.encrypt(JSON.stringify(value)));
      cached = { value };
    },
    clear() {
      store.delete(key);
      cached = { value: null };
    },
    setAside(reason) {
      const raw = store.get(key);
      if (raw !== undefined && raw !== null) moveAside(raw, reason);
      cached = { value: null };
    },
  };
}

export interface SealedEntries<E> {
  readonly persistence: Persistence;
  /** Entries that have not expired, in stored order. */
  live(): E[];
  /** Every stored entry, expired ones included. */
  stored(): E[];
  /** Replaces the list; an empty one removes the key rather than storing an empty ciphertext. */
  save(entries: E[]): void;
  clear(): void;
}

export interface SealedEntriesDeps<E> extends Omit<SealedSlotDeps<unknown>, 'schema' | 'onDamaged'> {
  /** The stored record's one field, e.g. `{ "verifiers": [...] }`. */
  field: string;
  entry: z.ZodType<E>;
}

/** A sealed list of entries that expire: expired ones are never handed out. */
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
