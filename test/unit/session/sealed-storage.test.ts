import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../main/log/logger';
import { createSessionVault, SESSION_KEY, type StoredSession } from '../../../main/session/session-vault';
import { createVerifierStore, VERIFIERS_KEY } from '../../../main/session/verifier-store';
import { createAesGcmCipher } from '../../fixtures/aes-gcm-cipher';
import { createConfStore } from '../../fixtures/conf-store';
import { createManualClock } from '../../fixtures/manual-clock';

const SESSION: StoredSession = {
  sessionToken: 'mZAYn5aLEqKUlZ_Ad9U_fWr38GaAQ1oFAhT8ds245v7Q',
  sessionJwt: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln',
  sessionId: 'session-test-1',
  user: { userId: 'user-test-1', email: 'a@example.com', name: null },
  expiresAt: '2030-01-08T00:00:00.000Z',
  startedAt: '2030-01-01T00:00:00.000Z',
  signingKeys: [],
};

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
  it('stores only ciphertext and reads it back after a restart', () => {
    const key = randomBytes(32);
    createSessionVault(deps(key)).save(SESSION);
    const raw = createConfStore(dir).get(SESSION_KEY);
    expect(typeof raw).toBe('string');
    expect(String(raw)).not.toContain(SESSION.sessionToken);
    expect(createSessionVault(deps(key)).load()).toEqual(SESSION);
  });

  it('moves an undecryptable entry aside, logs it and reports signed out', () => {
    createSessionVault(deps(randomBytes(32))).save(SESSION);
    const lines: string[] = [];
    const other = createSessionVault(deps(randomBytes(32), lines));
    expect(other.load()).toBeNull();
    const store = createConfStore(dir);
    expect(store.get(SESSION_KEY)).toBeUndefined();
    expect(lines.some((line) => line.includes('moved aside') && line.includes('session-vault~corrupt~2030-01-01'))).toBe(true);
    expect(store.get('session-vault~corrupt~2030-01-01T00-00-00-000Z')).toEqual(expect.any(String));
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
