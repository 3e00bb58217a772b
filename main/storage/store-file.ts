// The JSON file the app keeps its records in, read once and then served from memory. The
// backing (electron-store in the app, conf in tests) parses the whole file on every get;
// only this process writes the file (the app holds the single-instance lock), so the record
// read at start plus every change made since is exact, and each change is one write at once.
// A file that cannot be read as a store (corrupt, truncated, binary, another program's JSON)
// is renamed to `<file>.corrupt-<timestamp>`, logged, and a fresh store is opened in its
// place: the app starts signed out, and whatever was in the file is still there for support
// to look at. Only the newest few moved-aside files are kept, so a file damaged on every
// start cannot fill the disk.
// Rule: nothing here may import electron; the live store file is never cleared or deleted.
import { basename, dirname, join } from 'node:path';
import type { Logger, Store } from '../../common/ports';

/** Moved-aside store files kept; older ones are removed. */
export const MAX_ASIDE_FILES = 3;

/** The slice of electron-store (and of conf, its Node-only base) the store file needs. */
export interface StoreBacking {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  /** The whole record (electron-store's and conf's `store` getter and setter). */
  store: Record<string, unknown>;
}

export interface StoreFileDeps {
  /** The file the backing store reads and writes. */
  path: string;
  /** Builds the backing store over `path`; throws a SyntaxError when the file is unreadable. */
  open: () => StoreBacking;
  /** fs.renameSync in the app. */
  rename: (from: string, to: string) => void;
  /** fs.readdirSync and fs.rmSync in the app: to remove the oldest moved-aside files. */
  list: (dir: string) => string[];
  remove: (path: string) => void;
  now: () => number;
  logger: Logger;
}

/**
 * `<file>.corrupt-20300101-000000-000` (UTC): sorts by time, has no colon for Windows, and
 * has no capital letters, so the log redactor does not take it for a token.
 */
export function asidePath(path: string, atMs: number): string {
  const stamp = new Date(atMs).toISOString().replace(/[-:]/g, '').replace('T', '-').replace('.', '-').replace('Z', '');
  return `${path}.corrupt-${stamp}`;
}

/**
 * The deserializer for the store file: JSON whose top level is an object, or a SyntaxError.
 * conf would read an array or a bare value as an empty store and overwrite it on the next
 * write; refusing it here sends it through the move-aside path instead.
 */
export function parseStoreText(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // V8's message quotes the text around the fault; that text stays out of the log.
    throw new SyntaxError(`not valid JSON (${text.length} characters)`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SyntaxError(`not a store file: its top level is ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
  }
  return value as Record<string, unknown>;
}

/** A parse failure of the file itself; anything else (permissions, a full disk) is not ours to fix. */
export function isUnreadableStoreFile(error: unknown): boolean {
  return error instanceof Error && error.name === 'SyntaxError';
}

/**
 * Opens the store, moving an unreadable file aside first. A file damaged while the app runs
 * surfaces on the next write (the backing reads the file before it writes): it is moved
 * aside the same way, and the fresh file gets the whole record this process holds.
 */
export function openStoreFile(deps: StoreFileDeps): Store {
  const { path, rename, now, logger } = deps;

  const pruneAside = (): void => {
    const prefix = `${basename(path)}.corrupt-`;
    // The stamp sorts by time, so the oldest come first.
    const aside = deps.list(dirname(path)).filter((name) => name.startsWith(prefix)).sort();
    for (const name of aside.slice(0, Math.max(0, aside.length - MAX_ASIDE_FILES))) {
      try {
        deps.remove(join(dirname(path), name));
      } catch (error) {
        logger.warn('could not remove an old moved-aside store file', { file: name, error });
      }
    }
  };

  const moveAside = (error: unknown): void => {
    const aside = asidePath(path, now());
    rename(path, aside);
    pruneAside();
    logger.warn('the store file could not be read; it was moved aside and a fresh one started', {
      file: path,
      movedTo: aside,
      reason: error instanceof Error ? error.message : String(error),
    });
  };

  /** The backing and the record it holds: the one read of the file. */
  const openFresh = (): { backing: StoreBacking; record: Record<string, unknown> } => {
    try {
      const opened = deps.open();
      return { backing: opened, record: { ...opened.store } };
    } catch (error) {
      if (!isUnreadableStoreFile(error)) throw error;
      moveAside(error);
      return { backing: deps.open(), record: {} };
    }
  };

  const opened = openFresh();
  let backing = opened.backing;
  const cache = new Map(Object.entries(opened.record));

  const write = (operation: (store: StoreBacking) => void): void => {
    try {
      operation(backing);
    } catch (error) {
      if (!isUnreadableStoreFile(error)) throw error;
      moveAside(error);
      backing = deps.open();
      // This process is the only writer, so what it holds is what the file should hold.
      if (cache.size > 0) backing.store = Object.fromEntries(cache);
      operation(backing);
    }
  };

  return {
    get: (key) => cache.get(key),
    set(key, value) {
      // electron-store refuses undefined; for the core it means "no value".
      if (value === undefined) return this.delete(key);
      write((store) => store.set(key, value));
      cache.set(key, value);
    },
    delete(key) {
      // Nothing to change, nothing to write.
      if (!cache.has(key)) return;
      write((store) => store.delete(key));
      cache.delete(key);
    },
    keys: () => [...cache.keys()],
  };
}
