// safeStorage for the cold-start bench: real AES-256-GCM under a fixed bench key, so the
// bench process can seed a session that the measured app process decrypts, as the OS
// keyring would let it. Never used by the app itself.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const KEY = Buffer.alloc(32, 7);

export const standInSafeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString(plaintext) {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', KEY, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  },
  decryptString(sealed) {
    const decipher = createDecipheriv('aes-256-gcm', KEY, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
  },
};
