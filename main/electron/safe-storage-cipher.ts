// The Cipher the core stores sessions with, on Electron's safeStorage (Keychain on macOS,
// DPAPI on Windows, the Secret Service or KWallet on Linux). On Linux safeStorage can fall
// back to a hard-coded key ('basic_text') while still reporting encryption as available;
// that is obfuscation, not encryption, so it counts as no cipher and the session stays in
// memory only.
// Rule: Electron types only; must be called after `ready` (safeStorage needs it on Linux).
import type { SafeStorage } from 'electron';
import type { CipherStatus } from '../../common/ports';

export type SafeStorageLike = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'
>;

/** Linux backends that protect nothing: a fixed key, or none that Chromium could identify. */
const WEAK_LINUX_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown']);

export const NO_KEYRING_REASON =
  'This computer has no keyring such as GNOME Keyring or KWallet running, so PromptGrimoire ' +
  'cannot encrypt your session. You stay signed in until you quit the app; install or unlock ' +
  'a keyring to stay signed in across restarts.';

export const NO_ENCRYPTION_REASON =
  'The operating system did not offer encryption for app data, so PromptGrimoire keeps your ' +
  'session in memory only. You stay signed in until you quit the app.';

export function createSafeStorageCipher(safeStorage: SafeStorageLike, platform: NodeJS.Platform): CipherStatus {
  if (!safeStorage.isEncryptionAvailable()) {
    return { available: false, reason: platform === 'linux' ? NO_KEYRING_REASON : NO_ENCRYPTION_REASON };
  }
  // getSelectedStorageBackend exists on Linux only.
  if (platform === 'linux' && WEAK_LINUX_BACKENDS.has(safeStorage.getSelectedStorageBackend())) {
    return { available: false, reason: NO_KEYRING_REASON };
  }
  return {
    available: true,
    // Base64 so the ciphertext is plain JSON-safe text in the store.
    encrypt: (plaintext) => safeStorage.encryptString(plaintext).toString('base64'),
    decrypt: (ciphertext) => safeStorage.decryptString(Buffer.from(ciphertext, 'base64')),
  };
}
