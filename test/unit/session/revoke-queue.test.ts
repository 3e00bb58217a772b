import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../common/log/logger';
import { createRevokeQueue, MAX_PENDING_REVOKES, REVOKES_KEY } from '../../../main/session/revoke-queue';
import { createAesGcmCipher } from '../../fixtures/aes-gcm-cipher';
import { createConfStore } from '../../fixtures/conf-store';
import { createManualClock, type ManualClock } from '../../fixtures/manual-clock';

const TOKEN = 'mZAYn5aLEqKUlZ_Ad9U_fWr38GaAQ1oFAhT8ds245v7Q';
const HOUR = 3_600_000;
let dir: string;
let clock: ManualClock;
const key = randomBytes(32);
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'grimoire-revokes-'));
  clock = createManualClock();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const queue = (cipherKey = key) =>
  createRevokeQueue({ cipher: createAesGcmCipher(cipherKey), store: createConfStore(dir), logger: createLogger(() => undefined), clock });
const everythingOnDisk = (): string => readdirSync(dir).map((name) => readFileSync(join(dir, name), 'utf8')).join('\n');

describe('revoke queue', () => {
  it('keeps tokens encrypted on disk and across a restart, oldest first', () => {
    const first = queue();
    expect(first.persistence).toBe('encrypted');
    first.add(TOKEN, clock.now() + HOUR);
    clock.advance(1);
    first.add('second-token-value', clock.now() + HOUR);
    expect(everythingOnDisk()).toContain(REVOKES_KEY);
    expect(everythingOnDisk()).not.toContain(TOKEN);
    expect(everythingOnDisk()).not.toContain('second-token-value');
    expect(queue().pending()).toEqual([TOKEN, 'second-token-value']);
  });

  it('removes a sent token and deletes the key once empty', () => {
    const revokes = queue();
    revokes.add(TOKEN, clock.now() + HOUR);
    revokes.add(TOKEN, clock.now() + HOUR);
    expect(revokes.pending()).toEqual([TOKEN]);
    revokes.remove(TOKEN);
    expect(queue().pending()).toEqual([]);
    expect(createConfStore(dir).get(REVOKES_KEY)).toBeUndefined();
  });

  it('drops tokens whose session has expired anyway, unsent', () => {
    const revokes = queue();
    revokes.add(TOKEN, clock.now() + HOUR);
    revokes.add('longer-lived-token', clock.now() + 2 * HOUR);
    clock.advance(HOUR);
    expect(queue().pending()).toEqual(['longer-lived-token']);
  });

  it('holds at most a bounded number, dropping the oldest', () => {
    const revokes = queue();
    for (let i = 0; i <= MAX_PENDING_REVOKES; i += 1) revokes.add(`token-${i}`, clock.now() + HOUR);
    const pending = revokes.pending();
    expect(pending).toHaveLength(MAX_PENDING_REVOKES);
    expect(pending[0]).toBe('token-1');
  });

  it('stays in memory only without a cipher, writing nothing', () => {
    const revokes = createRevokeQueue({
      cipher: { available: false, reason: 'no keyring' },
      store: createConfStore(dir),
      logger: createLogger(() => undefined),
      clock,
    });
    expect(revokes.persistence).toBe('memory-only');
    revokes.add(TOKEN, clock.now() + HOUR);
    expect(revokes.pending()).toEqual([TOKEN]);
    expect(createConfStore(dir).get(REVOKES_KEY)).toBeUndefined();
  });

  it('moves aside a queue made with another key instead of failing', () => {
    queue(randomBytes(32)).add(TOKEN, clock.now() + HOUR);
    expect(queue().pending()).toEqual([]);
  });
});
