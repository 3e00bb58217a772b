// A write-through cache in front of the app's Store. electron-store (like conf, its base)
// reads and parses the whole file on every get and set; the sign-in path touches several
// keys, so each touch would be a disk read. Only this process writes the file (the app holds
// the single-instance lock), so a value read or written once can be served from memory.
// Rule: nothing here may import electron; every write still reaches the file at once.
import type { Store } from '../../common/ports';

export function createCachedStore(inner: Store): Store {
  const cache = new Map<string, unknown>();
  return {
    get(key) {
      if (cache.has(key)) return cache.get(key);
      const value = inner.get(key);
      cache.set(key, value);
      return value;
    },
    set(key, value) {
      inner.set(key, value);
      cache.set(key, value);
    },
    delete(key) {
      inner.delete(key);
      cache.delete(key);
    },
    // Only the file knows every key: the cache holds the ones touched.
    keys: () => inner.keys(),
  };
}
