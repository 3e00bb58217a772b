// A sign-in in flight is never left half-written. The session is one sealed value under one
// store key, and the store writes its file atomically (a temporary file renamed over the
// old one), so a process killed at any moment of a save leaves the old session or the new
// one, whole, never a mix and never an unreadable file. A child process saves generation
// after generation and is killed mid-stream; a fresh vault on the same folder must read one
// complete generation, and nothing may have been moved aside as unreadable.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSessionVault } from '../../../main/session/session-vault';
import { createAesGcmCipher } from '../../fixtures/aes-gcm-cipher';
import { createConfStore } from '../../fixtures/conf-store';

const WRITER = resolve('test/fixtures/session-writer.ts');
const noLog = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** Runs the writer until it has finished `saves` saves, then kills it without warning. */
function killAfter(dir: string, keyHex: string, saves: number): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, keyHex], { stdio: ['ignore', 'pipe', 'pipe'] });
    let finished = 0;
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      finished = Math.max(finished, ...chunk.toString().trim().split('\n').map(Number));
      if (finished >= saves && child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? done(finished) : fail(new Error(`the writer stopped by itself: ${errors}`))));
  });
}

describe('a session save killed part-way', () => {
  it.each([1, 15, 40])('after %i finished saves leaves one whole generation', { timeout: 30_000 }, async (saves) => {
    const dir = await mkdtemp(join(tmpdir(), 'promptgrimoire-crash-'));
    const key = randomBytes(32);
    try {
      const finished = await killAfter(dir, key.toString('hex'), saves);
      const vault = createSessionVault({ cipher: createAesGcmCipher(key), store: createConfStore(dir), logger: noLog, clock: { now: Date.now } });
      const session = vault.load();
      expect(session).not.toBeNull();
      const generation = Number(/^token-g(\d+)$/.exec(session?.sessionToken ?? '')?.[1]);
      // The last finished save, or the one in flight when the kill came: never older.
      expect(generation).toBeGreaterThanOrEqual(finished);
      const tag = `g${generation}`;
      expect(session).toMatchObject({ sessionJwt: `jwt-${tag}`, sessionId: `session-${tag}`, user: { userId: `user-${tag}`, email: `${tag}@example.com` } });
      expect(session?.user.name).toBe(`${tag} `.repeat(2000));
      // Nothing was found unreadable and moved aside.
      const file = await readFile(join(dir, 'grimoire.json'), 'utf8');
      expect(Object.keys(JSON.parse(file) as object)).toEqual(['session-vault']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
