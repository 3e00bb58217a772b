import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { createSessionStore, storeOptions } from '../../../main/electron/session-store';

// conf is electron-store's Node-only base class: same file format and options, no Electron.
let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('session store', () => {
  it('keeps values in an owner-only file in the user-data folder', async () => {
    dir = await mkdtemp(join(tmpdir(), 'session-store-'));
    const { name, ...options } = storeOptions(dir);
    const store = createSessionStore(new Conf<Record<string, unknown>>({ ...options, configName: name, projectName: 'promptgrimoire' }));
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
});
