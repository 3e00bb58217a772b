import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeMissingElectron, electronBinaryStatus } from '../../../scripts/electron-binary';

let dir: string;
let pkg: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'electron-binary-'));
  pkg = join(dir, 'electron');
  await mkdir(pkg, { recursive: true });
  await writeFile(join(pkg, 'package.json'), '{"name":"electron","version":"45.5.0"}');
  // The package's index.js downloads when run; the detection must never run it.
  await writeFile(join(pkg, 'index.js'), 'throw new Error("the detection ran electron/index.js")');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fakeExecutable(path: string): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, '#!/bin/sh\n');
  await chmod(path, 0o755);
}

describe('electronBinaryStatus', () => {
  it('reports the binary missing when path.txt was never written (the lazy download has not run)', () => {
    const status = electronBinaryStatus({ env: {}, packageDir: pkg, platform: 'linux' });
    expect(status.present).toBe(false);
    if (status.present) return;
    expect(status.reason).toMatch(/path\.txt/);
    const message = describeMissingElectron(status);
    expect(message).toMatch(/^Electron binary not installed/);
    expect(message).toMatch(/npm install/);
  });

  it('reports it missing when path.txt names a file that is not in dist/', async () => {
    await writeFile(join(pkg, 'path.txt'), 'electron');
    const status = electronBinaryStatus({ env: {}, packageDir: pkg, platform: 'linux' });
    expect(status).toEqual({ present: false, reason: 'node_modules/electron/dist/electron is missing' });
  });

  it('finds dist/<path.txt> when both exist', async () => {
    await writeFile(join(pkg, 'path.txt'), 'electron');
    await fakeExecutable(join(pkg, 'dist', 'electron'));
    expect(electronBinaryStatus({ env: {}, packageDir: pkg, platform: 'linux' })).toEqual({
      present: true,
      path: join(pkg, 'dist', 'electron'),
    });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH, with or without path.txt', async () => {
    const override = join(dir, 'override');
    await fakeExecutable(join(override, 'electron'));
    expect(electronBinaryStatus({ env: { ELECTRON_OVERRIDE_DIST_PATH: override }, packageDir: pkg, platform: 'linux' })).toEqual({
      present: true,
      path: join(override, 'electron'),
    });
    await writeFile(join(pkg, 'path.txt'), 'electron.exe');
    const status = electronBinaryStatus({ env: { ELECTRON_OVERRIDE_DIST_PATH: override }, packageDir: pkg, platform: 'win32' });
    expect(status.present).toBe(false);
    if (!status.present) expect(status.reason).toContain('ELECTRON_OVERRIDE_DIST_PATH');
  });

  it('honours ELECTRON_EXEC_PATH above everything else', async () => {
    const exe = join(dir, 'somewhere', 'electron');
    await fakeExecutable(exe);
    expect(electronBinaryStatus({ env: { ELECTRON_EXEC_PATH: exe }, packageDir: pkg })).toEqual({ present: true, path: exe });
    const missing = electronBinaryStatus({ env: { ELECTRON_EXEC_PATH: join(dir, 'nope') }, packageDir: pkg });
    expect(missing.present).toBe(false);
  });

  it('resolves the installed electron package without loading it', () => {
    // On this project's own node_modules: present or not, it must answer without throwing.
    const status = electronBinaryStatus({ env: {} });
    expect(typeof status.present).toBe('boolean');
  });
});
