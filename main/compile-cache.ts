// Where V8's compile cache for the main process lives, and whether to use one at all. The
// second start skips compiling the main bundle; but cached code is code, so a packaged app
// only ever uses its own cache in a private folder, never one named by NODE_COMPILE_CACHE
// (anyone who can set a variable for the app could otherwise hand it compiled code).
// Rule: nothing here may import electron; pure decisions, the caller does the I/O.
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const COMPILE_CACHE_ENV = 'NODE_COMPILE_CACHE';
/** Inside the user-data folder, which is per person; created 0700. */
export const COMPILE_CACHE_FOLDER = 'compile-cache';

export type CompileCachePlan =
  | { kind: 'enable'; dir: string }
  /** Node already loaded this bundle through a cache the environment named: start again without it. */
  | { kind: 'relaunch'; reason: string }
  | { kind: 'off'; reason: string };

export interface CompileCacheFacts {
  packaged: boolean;
  env: Readonly<Record<string, string | undefined>>;
  userDataDir: string;
  /** Whether this Node has module.enableCompileCache. */
  supported: boolean;
  /** module.getCompileCacheDir(): the cache Node is already using, if any. */
  activeDir: string | undefined;
}

export function compileCachePlan(facts: CompileCacheFacts): CompileCachePlan {
  if (!facts.supported) return { kind: 'off', reason: 'this Node has no module.enableCompileCache' };
  const dir = join(facts.userDataDir, COMPILE_CACHE_FOLDER);
  const named = facts.env[COMPILE_CACHE_ENV];
  if (!facts.packaged) {
    // Development builds honour a developer's own NODE_COMPILE_CACHE.
    return named ? { kind: 'off', reason: `${COMPILE_CACHE_ENV} is set; Node uses that cache` } : { kind: 'enable', dir };
  }
  if (facts.activeDir !== undefined && facts.activeDir !== dir) {
    return { kind: 'relaunch', reason: `${COMPILE_CACHE_ENV} named a compile cache outside the app's own folder` };
  }
  return { kind: 'enable', dir };
}

/** Creates the cache folder for this OS account only, tightening one made wider earlier. */
export function preparePrivateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(dir, 0o700);
}
