// The vault holds a saved session at once and writes it on the next turn; a refused write
// is reported as memory-only and retried; a wipe cancels whatever was pending. The store is
// a real conf file whose writes the test can refuse; the retry timer runs on fake time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../common/log/logger';
import type { Store } from '../../../common/ports';
import { createSessionVault, SESSION_KEY, WRITE_RETRY, type StoredSession } from '../../../main/session/session-vault';
import { createAesGcmCipher } from '../../fixtures/aes-gcm-cipher';
import { createConfStore } from '../../fixtures/conf-store';
import { useFakeTime } from '../../fixtures/fake-time';
import { STORED_SESSION } from '../../fixtures/stored-session';

const SESSION: StoredSession = STORED_SESSION;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'grimoire-vault-writes-'));
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

function setUp() {
  const time = useFakeTime();
  const file = createConfStore(dir);
  const disk = { full: false, writes: 0 };
  const store: Store = {
    ...file,
    set(name, value) {
      if (disk.full) throw new Error('ENOSPC: no space left on device, write');
      disk.writes += 1;
      file.set(name, value);
    },
  };
  const lines: string[] = [];
  const vault = createSessionVault({ cipher: createAesGcmCipher(randomBytes(32)), store, logger: createLogger((level, line) => lines.push(`${level} ${line}`)), clock: time });
  let changes = 0;
  vault.onPersistenceChange(() => (changes += 1));
  return { time, disk, vault, lines, onDisk: () => createConfStore(dir).get(SESSION_KEY), changes: () => changes };
}

describe('session writes', () => {
  it('hold the session at once and write it on the next turn; saves in one turn are one write', async () => {
    const { vault, disk, onDisk } = setUp();
    vault.save(SESSION);
    vault.save({ ...SESSION, sessionJwt: `${SESSION.sessionJwt}x` });
    expect(vault.load()?.sessionJwt).toBe(`${SESSION.sessionJwt}x`);
    expect(onDisk()).toBeUndefined();
    await vault.written();
    expect(disk.writes).toBe(1);
    expect(onDisk()).toEqual(expect.any(String));
    expect(String(onDisk())).not.toContain(SESSION.sessionToken);
  });

  it('a refused write: memory-only, retried 2 s later, and encrypted again once a retry succeeds', async () => {
    const { vault, disk, time, lines, changes } = setUp();
    disk.full = true;
    vault.save(SESSION);
    await vault.written();
    expect(vault.persistence).toBe('memory-only');
    expect(changes()).toBe(1);
    expect(lines.some((line) => line.startsWith('error ') && line.includes('will retry') && !line.includes(SESSION.sessionToken))).toBe(true);
    disk.full = false;
    time.advance(WRITE_RETRY.baseMs - 1);
    expect(vault.persistence).toBe('memory-only');
    time.advance(1);
    expect(vault.persistence).toBe('encrypted');
    expect(changes()).toBe(2);
    expect(time.pending()).toBe(0);
  });

  it('a wipe cancels the pending write and the retry: nothing reaches the disk afterwards', async () => {
    const { vault, disk, time, onDisk } = setUp();
    vault.save(SESSION);
    vault.wipe();
    await nextTurn();
    expect(onDisk()).toBeUndefined();

    disk.full = true;
    vault.save(SESSION);
    await vault.written();
    disk.full = false;
    vault.wipe();
    expect(vault.persistence).toBe('encrypted');
    time.advance(WRITE_RETRY.capMs * 10);
    await nextTurn();
    expect(onDisk()).toBeUndefined();
    expect(vault.load()).toBeNull();
  });

  it('flush (quitting) writes what is pending at once and leaves no retry behind', () => {
    const { vault, disk, time, onDisk } = setUp();
    vault.save(SESSION);
    vault.flush();
    expect(onDisk()).toEqual(expect.any(String));
    disk.full = true;
    vault.save({ ...SESSION, sessionJwt: 'changed' });
    vault.flush();
    expect(vault.persistence).toBe('memory-only');
    expect(time.pending()).toBe(0);
  });
});
