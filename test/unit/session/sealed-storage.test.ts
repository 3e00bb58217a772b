import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../common/log/logger';
import { createSessionVault, LAST_EMAIL_KEY, SESSION_KEY, type StoredSession } from '../../../main/session/session-vault';
import { createVerifierStore, VERIFIERS_KEY } from '../../../main/session/verifier-store';
import { createAesGcmCipher } from '../../fixtures/aes-gcm-cipher';
import { createConfStore } from '../../fixtures/conf-store';
import { createManualClock } from '../../fixtures/manual-clock';
import { STORED_SESSION } from '../../fixtures/stored-session';

const SESSION: StoredSession = STORED_SESSION;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'grimoire-vault-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function deps(key: Buffer, lines: string[] = []) {
  return {
    cipher: createAesGcmCipher(key),
    store: createConfStore(dir),
    logger: createLogger((_level, line) => lines.push(line)),
    clock: createManualClock(),
  };
}

describe('session vault', () => {
  it('stores only ciphertext and reads it back after a restart', async () => {
    const key = randomBytes(32);
    const vault = createSessionVault(deps(key));
    vault.save(SESSION);
    await vault.written();
    const raw = createConfStore(dir).get(SESSION_KEY);
    expect(typeof raw).toBe('string');
    expect(String(raw)).not.toContain(SESSION.sessionToken);
    expect(createSessionVault(deps(key)).load()).toEqual(SESSION);
  });

  it('moves an undecryptable entry aside, logs it and reports signed out', async () => {
    const first = createSessionVault(deps(randomBytes(32)));
    first.save(SESSION);
    await first.written();
    const lines: string[] = [];
    const other = createSessionVault(deps(randomBytes(32), lines));
    expect(other.load()).toBeNull();
    const store = createConfStore(dir);
    expect(store.get(SESSION_KEY)).toBeUndefined();
    expect(lines.some((line) => line.includes('moved aside') && line.includes('session-vault~corrupt~2030-01-01'))).toBe(true);
    expect(store.get('session-vault~corrupt~2030-01-01T00-00-00-000Z')).toEqual(expect.any(String));
  });

  it('a value that decrypts but is not a session: moved aside, and the token it still holds queued for a revoke', () => {
    const key = randomBytes(32);
    const cipher = createAesGcmCipher(key);
    // An older or damaged shape that still carries our token.
    createConfStore(dir).set(SESSION_KEY, cipher.encrypt(JSON.stringify({ sessionToken: SESSION.sessionToken, expiresAt: SESSION.expiresAt, user: 'x' })));
    const lines: string[] = [];
    const vault = createSessionVault(deps(key, lines));
    expect(vault.load()).toBeNull();
    expect(vault.revokes.pending()).toEqual([SESSION.sessionToken]);
    expect(lines.some((line) => line.includes('still held a token') && !line.includes(SESSION.sessionToken))).toBe(true);
  });

  it('a damaged value with no token in it queues nothing', () => {
    const key = randomBytes(32);
    createConfStore(dir).set(SESSION_KEY, createAesGcmCipher(key).encrypt(JSON.stringify({ theme: 'dark' })));
    const vault = createSessionVault(deps(key));
    expect(vault.load()).toBeNull();
    expect(vault.revokes.pending()).toEqual([]);
  });

  it('keeps only the newest three values aside, so damage on every start cannot grow the file', () => {
    const clock = createManualClock();
    for (let start = 0; start < 5; start += 1) {
      createConfStore(dir).set(SESSION_KEY, 'not ciphertext at all');
      expect(createSessionVault({ ...deps(randomBytes(32)), clock }).load()).toBeNull();
      clock.advance(60_000);
    }
    const aside = createConfStore(dir)
      .keys()
      .filter((name) => name.startsWith(`${SESSION_KEY}~corrupt~`))
      .sort();
    expect(aside).toEqual([
      'session-vault~corrupt~2030-01-01T00-02-00-000Z',
      'session-vault~corrupt~2030-01-01T00-03-00-000Z',
      'session-vault~corrupt~2030-01-01T00-04-00-000Z',
    ]);
  });

  it('keeps the session in memory only without a cipher', () => {
    const store = createConfStore(dir);
    const vault = createSessionVault({
      cipher: { available: false, reason: 'no keyring' },
      store,
      logger: createLogger(() => undefined),
      clock: createManualClock(),
    });
    vault.save(SESSION);
    expect(vault.persistence).toBe('memory-only');
    expect(vault.load()).toEqual(SESSION);
    expect(store.get(SESSION_KEY)).toBeUndefined();
    vault.wipe();
    expect(vault.load()).toBeNull();
  });
});

describe('verifier store', () => {
  it('returns unexpired verifiers newest first and survives a restart', () => {
    const key = randomBytes(32);
    const first = deps(key);
    const store = createVerifierStore(first);
    const v = (n: number) => String(n).repeat(43);
    store.add(v(1), first.clock.now() + 60_000);
    first.clock.advance(1000);
    store.add(v(2), first.clock.now() + 60_000);
    expect(store.candidates(5)).toEqual([v(2), v(1)]);
    expect(String(createConfStore(dir).get(VERIFIERS_KEY))).not.toContain(v(1));
    const again = createVerifierStore({ ...deps(key), clock: first.clock });
    expect(again.candidates(1)).toEqual([v(2)]);
    first.clock.advance(59_500);
    expect(again.candidates(5)).toEqual([v(2)]);
    again.remove(v(2));
    expect(again.candidates(5)).toEqual([]);
  });
});

describe('last email', () => {
  it('is sealed, survives a restart and a sign-out (wipe)', () => {
    const key = randomBytes(32);
    const vault = createSessionVault(deps(key));
    expect(vault.lastEmail()).toBeNull();
    vault.rememberEmail('ana@example.com');
    vault.wipe();
    const raw = createConfStore(dir).get(LAST_EMAIL_KEY);
    expect(typeof raw).toBe('string');
    expect(readFileSync(createConfStore(dir).path, 'utf8')).not.toContain('ana@example.com');
    expect(createSessionVault(deps(key)).lastEmail()).toBe('ana@example.com');
  });

  it('is forgotten, and kept aside, when it cannot be opened (another key, or tampered)', () => {
    createSessionVault(deps(randomBytes(32))).rememberEmail('ana@example.com');
    const lines: string[] = [];
    expect(createSessionVault(deps(randomBytes(32), lines)).lastEmail()).toBeNull();
    expect(createConfStore(dir).get(LAST_EMAIL_KEY)).toBeUndefined();
    expect(lines.some((line) => line.includes('moved aside') && line.includes(LAST_EMAIL_KEY))).toBe(true);
  });

  it('a sealed value that is not an address (markup, a token-sized blob) is never handed to the page', () => {
    const key = randomBytes(32);
    const cipher = createAesGcmCipher(key);
    for (const email of ['<img src=x onerror=alert(1)>', 'a'.repeat(10_000), 'no-at-sign', '']) {
      createConfStore(dir).set(LAST_EMAIL_KEY, cipher.encrypt(JSON.stringify({ email })));
      expect(createSessionVault(deps(key)).lastEmail()).toBeNull();
    }
  });

  it('is not written anywhere without a cipher', () => {
    const store = createConfStore(dir);
    const vault = createSessionVault({ cipher: { available: false, reason: 'no keyring' }, store, logger: createLogger(() => undefined), clock: createManualClock() });
    vault.rememberEmail('ana@example.com');
    expect(store.keys()).toEqual([]);
  });

  it('a disk that refuses the write loses the convenience, not the sign-in', () => {
    const inner = createConfStore(dir);
    const lines: string[] = [];
    const refusing = {
      ...inner,
      set: () => {
        throw new Error('EROFS: read-only file system');
      },
    };
    const vault = createSessionVault({ ...deps(randomBytes(32), lines), store: refusing });
    expect(() => vault.rememberEmail('ana@example.com')).not.toThrow();
    expect(lines.some((line) => line.includes('could not remember the email'))).toBe(true);
  });
});
