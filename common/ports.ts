// The small interfaces through which the pure core reaches the outside world. The Electron
// adapters (main/electron) implement them for the app; tests implement them with real but
// local pieces (an AES-GCM cipher from node:crypto, a temp-dir store, a settable clock).
// Rule: nothing here may import electron.

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export type LogFields = Record<string, unknown>;

/** Implementations redact tokens, JWTs, verifiers and secrets themselves; callers never do. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Why a cipher is missing, in words a person understands (shown in the memory-only banner). */
export interface CipherUnavailable {
  available: false;
  reason: string;
}

/** Symmetric encryption bound to this OS account (safeStorage in the app). */
export interface Cipher {
  available: true;
  /** Returns base64 ciphertext. */
  encrypt(plaintext: string): string;
  /** Takes base64 ciphertext; throws when it is corrupt or was made with another key. */
  decrypt(ciphertext: string): string;
}

export type CipherStatus = Cipher | CipherUnavailable;

/** A key-value store of JSON values (electron-store / conf in the app, a temp dir in tests). */
export interface Store {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  /** Every key stored now (to find the values kept aside as damaged). */
  keys(): string[];
}

/** The system clipboard. Main writes to it, so a sign-in link never passes through the page. */
export interface Clipboard {
  /** May settle later (Electron's clipboard answers with a promise); a rejection means it was refused. */
  writeText(text: string): void | Promise<void>;
  /**
   * Writes text that signs someone in, marked where the OS knows such a mark so clipboard
   * history, cloud sync and clipboard managers leave it out.
   */
  writeSecret(text: string): void | Promise<void>;
  /** The clipboard's plain text now ('' when it holds none). */
  readText(): Promise<string>;
  clear(): void;
}
