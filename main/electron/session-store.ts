// The Store the core keeps its records in: an electron-store file in the user-data folder,
// opened through main/storage/store-file.ts (read once, moved aside when unreadable).
// The core writes only base64 safeStorage ciphertext into it when encryption is available,
// and nothing sensitive otherwise; this adapter adds no secrecy of its own
// (electron-store's encryptionKey is obfuscation, so it is not used).
// Rule: no value import of electron-store here (it imports electron); main/electron/app-startup.ts passes
// a function that constructs it.
import { readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Options } from 'electron-store';
import type { Logger, Store } from '../../common/ports';
import { openStoreFile, parseStoreText, type StoreBacking } from '../storage/store-file';

export type { StoreBacking } from '../storage/store-file';

export const STORE_NAME = 'promptgrimoire';

export function storeOptions(userDataDir: string): Options<Record<string, unknown>> {
  return {
    name: STORE_NAME,
    cwd: userDataDir,
    // Only this OS account may read it, whatever it holds.
    configFileMode: 0o600,
    // An unreadable file must reach openSessionStore as an error, to be moved aside, never
    // cleared: clearInvalidConfig would throw a person's session away unseen.
    clearInvalidConfig: false,
    // Only a JSON object is a store; anything else would be read as empty and overwritten.
    deserialize: parseStoreText,
  };
}

/** Where electron-store keeps the file for these options. */
export function storeFilePath(userDataDir: string): string {
  return join(userDataDir, `${STORE_NAME}.json`);
}

export interface OpenSessionStoreDeps {
  userDataDir: string;
  /** `(options) => new ElectronStore(options)` in the app; conf in tests. */
  open: (options: Options<Record<string, unknown>>) => StoreBacking;
  logger: Logger;
  rename?: (from: string, to: string) => void;
  list?: (dir: string) => string[];
  remove?: (path: string) => void;
  now?: () => number;
}

/** The app's store: opened over the user-data folder, an unreadable file moved aside first. */
export function openSessionStore(deps: OpenSessionStoreDeps): Store {
  const options = storeOptions(deps.userDataDir);
  return openStoreFile({
    path: storeFilePath(deps.userDataDir),
    open: () => deps.open(options),
    rename: deps.rename ?? renameSync,
    list: deps.list ?? ((dir) => readdirSync(dir)),
    remove: deps.remove ?? ((path) => rmSync(path, { force: true })),
    now: deps.now ?? Date.now,
    logger: deps.logger,
  });
}
