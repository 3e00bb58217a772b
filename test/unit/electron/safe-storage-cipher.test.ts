import { describe, expect, it } from 'vitest';
import { createSafeStorageCipher, NO_ENCRYPTION_REASON, NO_KEYRING_REASON } from '../../../main/electron/safe-storage-cipher';
import { FakeSafeStorage } from './stand-ins';

describe('safeStorage cipher', () => {
  it.each(['basic_text', 'unknown'] as const)('treats the Linux %s backend as no encryption', (backend) => {
    const status = createSafeStorageCipher(new FakeSafeStorage(true, backend), 'linux');
    expect(status).toEqual({ available: false, reason: NO_KEYRING_REASON });
    expect(NO_KEYRING_REASON).toMatch(/no keyring such as GNOME Keyring or KWallet/);
  });

  it.each(['gnome_libsecret', 'kwallet5', 'kwallet6'] as const)('encrypts with the Linux %s backend', (backend) => {
    const status = createSafeStorageCipher(new FakeSafeStorage(true, backend), 'linux');
    if (!status.available) throw new Error('expected a cipher');
    const sealed = status.encrypt('{"session_token":"x"}');
    expect(Buffer.from(sealed, 'base64').toString('base64')).toBe(sealed);
    expect(sealed).not.toContain('session_token');
    expect(status.decrypt(sealed)).toBe('{"session_token":"x"}');
  });

  it('says why when the OS offers no encryption at all', () => {
    expect(createSafeStorageCipher(new FakeSafeStorage(false, 'unknown'), 'linux')).toEqual({ available: false, reason: NO_KEYRING_REASON });
    expect(createSafeStorageCipher(new FakeSafeStorage(false, 'unknown'), 'win32')).toEqual({ available: false, reason: NO_ENCRYPTION_REASON });
  });

  it('does not consult the Linux-only backend on macOS and Windows', () => {
    // 'unknown' is what a non-Linux build would answer if it were asked; it must not matter.
    expect(createSafeStorageCipher(new FakeSafeStorage(true, 'unknown'), 'darwin').available).toBe(true);
    expect(createSafeStorageCipher(new FakeSafeStorage(true, 'unknown'), 'win32').available).toBe(true);
  });

  it('throws on ciphertext it did not make, so the core can drop it', () => {
    const status = createSafeStorageCipher(new FakeSafeStorage(true, 'gnome_libsecret'), 'linux');
    if (!status.available) throw new Error('expected a cipher');
    expect(() => status.decrypt(Buffer.from('tampered').toString('base64'))).toThrow();
  });
});
