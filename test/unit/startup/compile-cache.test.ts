// The compile cache: the app's own private folder, and never a cache the environment names
// for a packaged app.
import { mkdtempSync, rmSync, statSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileCachePlan, preparePrivateFolder } from '../../../main/compile-cache';

const USER_DATA = join(tmpdir(), 'user-data');
const OWN = join(USER_DATA, 'compile-cache');
const facts = (over: Partial<Parameters<typeof compileCachePlan>[0]> = {}) => ({ packaged: true, env: {}, userDataDir: USER_DATA, supported: true, activeDir: undefined, ...over });

describe('compileCachePlan', () => {
  it("uses the app's own folder under the user data, packaged or not", () => {
    expect(compileCachePlan(facts())).toEqual({ kind: 'enable', dir: OWN });
    expect(compileCachePlan(facts({ packaged: false }))).toEqual({ kind: 'enable', dir: OWN });
  });

  it('a packaged app ignores NODE_COMPILE_CACHE when Node did not act on it', () => {
    expect(compileCachePlan(facts({ env: { NODE_COMPILE_CACHE: '/tmp/shared' } }))).toEqual({ kind: 'enable', dir: OWN });
  });

  it('a packaged app already running from a cache the environment named starts again without it', () => {
    expect(compileCachePlan(facts({ env: { NODE_COMPILE_CACHE: '/tmp/shared' }, activeDir: '/tmp/shared' }))).toMatchObject({ kind: 'relaunch' });
    expect(compileCachePlan(facts({ activeDir: OWN }))).toEqual({ kind: 'enable', dir: OWN });
  });

  it("development builds leave a developer's own cache alone, and old Node goes without", () => {
    expect(compileCachePlan(facts({ packaged: false, env: { NODE_COMPILE_CACHE: '/tmp/mine' }, activeDir: '/tmp/mine' }))).toMatchObject({ kind: 'off' });
    expect(compileCachePlan(facts({ supported: false }))).toMatchObject({ kind: 'off' });
  });
});

describe('preparePrivateFolder', () => {
  const root = mkdtempSync(join(tmpdir(), 'pg-compile-cache-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.skipIf(process.platform === 'win32')('creates the folder 0700 and tightens one that was left open', () => {
    const fresh = join(root, 'a', 'compile-cache');
    preparePrivateFolder(fresh);
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
    const open = join(root, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    preparePrivateFolder(open);
    expect(statSync(open).mode & 0o777).toBe(0o700);
  });
});
