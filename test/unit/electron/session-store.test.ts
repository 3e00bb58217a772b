import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { openSessionStore, storeOptions, type StoreBacking } from '../../../main/electron/session-store';
import type { Options } from 'electron-store';
import { recordingLogger } from './stand-ins';

// conf is electron-store's Node-only base class: same file format and options, no Electron.
let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const confFor = (options: Options<Record<string, unknown>>): StoreBacking => {
  const { name, ...rest } = options;
  return new Conf<Record<string, unknown>>({ ...rest, configName: name, projectName: 'promptgrimoire', accessPropertiesByDotNotation: false });
};

describe('session store', () => {
  it('keeps values in an owner-only file in the user-data folder', async () => {
    dir = await mkdtemp(join(tmpdir(), 'session-store-'));
    const { logger } = recordingLogger();
    const store = openSessionStore({ userDataDir: dir, open: confFor, logger });
    store.set('session', { v: 1, sealed: 'YmFzZTY0' });
    expect(store.get('session')).toEqual({ v: 1, sealed: 'YmFzZTY0' });
    const file = join(dir, 'promptgrimoire.json');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ session: { v: 1, sealed: 'YmFzZTY0' } });
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    store.set('session', undefined);
    expect(store.get('session')).toBeUndefined();
    store.set('other', 1);
    store.delete('other');
    expect(store.get('other')).toBeUndefined();
  });

  it('never asks electron-store to clear an invalid file', () => {
    expect(storeOptions('/data')).toMatchObject({ clearInvalidConfig: false });
  });

  it('moves an unreadable file aside, logs it, and starts a fresh one', async () => {
    dir = await mkdtemp(join(tmpdir(), 'session-store-'));
    const file = join(dir, 'promptgrimoire.json');
    await writeFile(file, '{"session-vault":"abc');
    const { logger, lines } = recordingLogger();
    const store = openSessionStore({ userDataDir: dir, open: confFor, logger, now: () => Date.UTC(2030, 0, 2, 3, 4, 5, 6) });
    expect(store.get('session-vault')).toBeUndefined();
    store.set('kept', 'yes');
    const aside = `${file}.corrupt-20300102-030405-006`;
    expect(await readFile(aside, 'utf8')).toBe('{"session-vault":"abc');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ kept: 'yes' });
    expect(lines.filter((line) => line.includes('moved aside'))).toHaveLength(1);
    expect(lines.join('\n')).toContain(aside);
    expect(lines.join('\n')).not.toContain('session-vault');
  });

  it('keeps only the newest three moved-aside files, never touching other files of the folder', async () => {
    dir = await mkdtemp(join(tmpdir(), 'session-store-'));
    const file = join(dir, 'promptgrimoire.json');
    await writeFile(join(dir, 'main.log'), 'log');
    const { logger } = recordingLogger();
    for (let start = 0; start < 5; start += 1) {
      await writeFile(file, `not json ${start}`);
      openSessionStore({ userDataDir: dir, open: confFor, logger, now: () => Date.UTC(2030, 0, 2, 3, start) }).get('session-vault');
    }
    const names = (await readdir(dir)).sort();
    expect(names).toEqual([
      'main.log',
      'promptgrimoire.json.corrupt-20300102-030200-000',
      'promptgrimoire.json.corrupt-20300102-030300-000',
      'promptgrimoire.json.corrupt-20300102-030400-000',
    ]);
    expect(await readFile(join(dir, 'promptgrimoire.json.corrupt-20300102-030400-000'), 'utf8')).toBe('not json 4');
  });

  it('moves aside JSON that is not a store (an array) instead of overwriting it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'session-store-'));
    await writeFile(join(dir, 'promptgrimoire.json'), '[1,2,3]');
    const { logger } = recordingLogger();
    const store = openSessionStore({ userDataDir: dir, open: confFor, logger });
    store.set('a', 1);
    const names = await readdir(dir);
    expect(names.filter((name) => name.startsWith('promptgrimoire.json.corrupt-'))).toHaveLength(1);
  });

  it('passes other errors through: a store it cannot open is not its to repair', () => {
    const { logger } = recordingLogger();
    const refused = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    expect(() =>
      openSessionStore({
        userDataDir: '/nowhere',
        open: () => {
          throw refused;
        },
        logger,
        rename: () => expect.fail('must not rename'),
      }),
    ).toThrow(refused);
  });
});
