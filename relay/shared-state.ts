// Small expiring facts every relay instance must agree on: who sent which invite, and which
// bearer tokens Stytch has just refused. In this process's memory for one instance, in Redis
// for many.
// Rule: a value is a string the relay wrote itself; a store that cannot be reached throws
// SharedStateUnavailable, which the relay answers with 503 rather than guess.
import type { Redis } from 'ioredis';

export interface SharedState {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

export class SharedStateUnavailable extends Error {
  constructor(cause: unknown) {
    super('the relay cannot reach its shared state', { cause });
    this.name = 'SharedStateUnavailable';
  }
}

/**
 * Memory: expired entries are swept when the table grows past `maxKeys`; if it is still full,
 * the entries closest to expiry go first. Only caches live here alongside invite owners, and
 * losing an owner means nobody may revoke that invite (it still expires), never that a
 * stranger may.
 */
export function createMemoryState(maxKeys = 100_000, now: () => number = Date.now): SharedState {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return Promise.resolve(undefined);
      if (entry.expiresAt <= now()) {
        entries.delete(key);
        return Promise.resolve(undefined);
      }
      return Promise.resolve(entry.value);
    },
    set(key, value, ttlMs) {
      entries.delete(key);
      entries.set(key, { value, expiresAt: now() + ttlMs });
      if (entries.size > maxKeys) {
        const at = now();
        for (const [old, entry] of entries) if (entry.expiresAt <= at) entries.delete(old);
        const byExpiry = [...entries].sort((a, b) => a[1].expiresAt - b[1].expiresAt);
        for (const [old] of byExpiry.slice(0, Math.max(0, entries.size - maxKeys))) entries.delete(old);
      }
      return Promise.resolve();
    },
    delete(key) {
      entries.delete(key);
      return Promise.resolve();
    },
  };
}

export function createRedisState(redis: Redis, prefix = 'relay:state:'): SharedState {
  const guarded = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw new SharedStateUnavailable(error);
    }
  };
  return {
    get: (key) => guarded(async () => (await redis.get(prefix + key)) ?? undefined),
    set: (key, value, ttlMs) =>
      guarded(async () => {
        await redis.set(prefix + key, value, 'PX', Math.max(1, Math.round(ttlMs)));
      }),
    delete: (key) =>
      guarded(async () => {
        await redis.del(prefix + key);
      }),
  };
}
