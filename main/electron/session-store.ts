// The Store the core keeps its records in: an electron-store file in the user-data folder.
// The core writes only base64 safeStorage ciphertext into it when encryption is available,
// and nothing sensitive otherwise; this adapter adds no secrecy of its own
// (electron-store's encryptionKey is obfuscation, so it is not used).
// Rule: no value import of electron-store here (it imports electron); main/index.ts
// constructs it with storeOptions() and passes it in.
import type { Options } from 'electron-store';
import type { Store } from '../ports';

/** The slice of electron-store (and of conf, its Node-only base) the adapter needs. */
export interface StoreBacking {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export function storeOptions(userDataDir: string): Options<Record<string, unknown>> {
  return {
    name: 'promptgrimoire',
    cwd: userDataDir,
    // Only this OS account may read it, whatever it holds.
    configFileMode: 0o600,
    // A corrupt file means "signed out", not a crash at start-up.
    clearInvalidConfig: true,
  };
}

export function createSessionStore(backing: StoreBacking): Store {
  return {
    get: (key) => backing.get(key),
    // electron-store refuses undefined; for the core it means "no value".
    set: (key, value) => (value === undefined ? backing.delete(key) : backing.set(key, value)),
    delete: (key) => backing.delete(key),
  };
}
