// The store file under damage: corrupt, truncated, encrypted under another key, or another
// program's. Each time the app starts signed out, keeps the bad data (renamed with a
// timestamp, or under a timestamped key), logs it, and can sign in again. Without OS
// encryption, nothing secret from a full sign-in is found in any file of the folder.
import { mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { logFilePath } from '../../../main/electron/log-sink';
import { SESSION_KEY } from '../../../main/session/session-vault';
import { createAesGcmCipher } from '../../fixtures/aes-gcm-cipher';
import { signIn, startHardeningRig, type HardeningRig } from './rig';

let rig: HardeningRig | undefined;
afterEach(async () => {
  await rig?.cleanup();
  rig = undefined;
});

const asideFiles = (dir: string): string[] => readdirSync(dir).filter((name) => /^promptgrimoire\.json\.corrupt-\d{8}-\d{6}-\d{3}$/.test(name));
const movedAsideLogged = (lines: string[]): boolean => lines.some((line) => line.startsWith('warn ') && line.includes('moved aside'));

async function expectFreshStart(current: HardeningRig, email: string): Promise<void> {
  const core = current.core();
  await core.start();
  expect(core.view().status).toBe('signed-out');
  await signIn(current, core, email);
  const again = current.core();
  await again.start();
  expect(again.view()).toMatchObject({ status: 'signed-in', email });
}

describe('a damaged store file', () => {
  it.each([
    ['corrupt bytes', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x00, 0x13, 0x37])],
    ['binary noise', randomBytes(512)],
    ['an empty file', Buffer.alloc(0)],
    ['JSON that is not a store (an array)', Buffer.from('["session-vault","x"]')],
    ['JSON that is a bare string', Buffer.from('"promptgrimoire"')],
  ])('%s: starts signed out, the file is renamed with a timestamp and logged, sign-in works again', async (_label, bytes) => {
    rig = await startHardeningRig();
    writeFileSync(rig.storeFile, bytes);
    await expectFreshStart(rig, 'damaged@example.com');
    const aside = asideFiles(rig.dir);
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(rig.dir, aside[0] ?? ''))).toEqual(bytes);
    expect(movedAsideLogged(rig.lines)).toBe(true);
  });

  it('truncated after a sign-in: starts signed out and keeps the truncated file', async () => {
    rig = await startHardeningRig();
    await signIn(rig, rig.core(), 'cut@example.com');
    const size = statSync(rig.storeFile).size;
    truncateSync(rig.storeFile, Math.floor(size / 2));
    const cut = readFileSync(rig.storeFile);
    await expectFreshStart(rig, 'cut@example.com');
    const aside = asideFiles(rig.dir);
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(rig.dir, aside[0] ?? ''))).toEqual(cut);
    console.log(`[storage] truncated ${size} → ${cut.length} bytes: signed out, moved aside as ${aside[0] ?? ''}`);
  });

  it('encrypted under another key (carried to another account): signed out, the value kept under a timestamped key', async () => {
    rig = await startHardeningRig();
    await signIn(rig, rig.core(), 'moved@example.com');
    const sealed = rig.store().get(SESSION_KEY);
    expect(typeof sealed).toBe('string');
    const elsewhere = rig.core({ cipher: createAesGcmCipher(randomBytes(32)) });
    await elsewhere.start();
    expect(elsewhere.view().status).toBe('signed-out');
    const file = JSON.parse(readFileSync(rig.storeFile, 'utf8')) as Record<string, unknown>;
    const keptUnder = Object.keys(file).filter((key) => key.startsWith(`${SESSION_KEY}~corrupt~`));
    expect(keptUnder).toHaveLength(1);
    expect(file[keptUnder[0] ?? '']).toBe(sealed);
    expect(file[SESSION_KEY]).toBeUndefined();
    expect(rig.lines.some((line) => line.includes('moved aside') && line.includes(SESSION_KEY))).toBe(true);
  });

  it("another program's JSON with a plaintext session in our key: signed out, the value kept aside, the file kept", async () => {
    rig = await startHardeningRig();
    writeFileSync(rig.storeFile, JSON.stringify({ theme: 'dark', [SESSION_KEY]: { sessionToken: 'planted' } }));
    const core = rig.core();
    await core.start();
    expect(core.view().status).toBe('signed-out');
    const file = JSON.parse(readFileSync(rig.storeFile, 'utf8')) as Record<string, unknown>;
    expect(file['theme']).toBe('dark');
    expect(Object.keys(file).some((key) => key.startsWith(`${SESSION_KEY}~corrupt~`))).toBe(true);
  });
});

/** Every file under a folder, recursively, as bytes. */
function filesUnder(dir: string): Array<{ path: string; bytes: Buffer }> {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, bytes: readFileSync(path) }));
}

describe('without OS encryption', () => {
  it('no token, JWT, verifier or challenge from a full sign-in is in any file of the user-data folder', async () => {
    rig = await startHardeningRig({ cipher: { available: false, reason: 'basic_text backend' } });
    const core = rig.core();
    await signIn(rig, core, 'plain@example.com');
    expect(core.view().persistence).toBe('memory-only');
    const restarted = rig.core();
    await restarted.start();
    expect(restarted.view().status).toBe('signed-out');

    // The app's log file lives in the same folder; write the run's log where electron-log would.
    mkdirSync(dirname(logFilePath(rig.dir)), { recursive: true });
    writeFileSync(logFilePath(rig.dir), `${rig.lines.join('\n')}\n`);

    const secrets = [...rig.secrets, ...rig.emulator.outbox().map((m) => m.token)];
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    const files = filesUnder(rig.dir);
    expect(files.length).toBeGreaterThanOrEqual(1);
    let bytes = 0;
    for (const { path, bytes: content } of files) {
      bytes += content.length;
      for (const secret of secrets) {
        for (const form of [secret, Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('base64url')]) {
          expect(content.includes(form), `${path} holds a secret`).toBe(false);
        }
      }
    }
    console.log(`[storage] no encryption: ${files.length} files, ${bytes} bytes scanned for ${secrets.length} secret values × 3 spellings: 0 found`);
  });
});
