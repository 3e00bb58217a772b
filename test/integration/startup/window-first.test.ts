// The built main bundle, run in plain Node on the recording Electron stand-in the cold-start
// bench uses: it creates its window before any npm package loads, and the page then gets its
// first view through the real IPC registration and sender check. A regression that pulls
// the store, the configuration or the Stytch client in front of the window fails here.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWithStandIn } from '../../../scripts/bench/cold-start/run-bundle';

const BUNDLE = 'out/main/index.js';
const dir = mkdtempSync(join(tmpdir(), 'pg-window-first-'));
// Never contacted before the first view; any well-formed direct configuration will do.
const env = { STYTCH_PROJECT_ID: 'project-test-00000000-0000-4000-8000-000000000000', STYTCH_SECRET: 'secret-test-window-first', STYTCH_API_URL: 'http://127.0.0.1:9/' };

beforeAll(() => {
  if (!existsSync(BUNDLE)) {
    const built = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['electron-vite', 'build'], { encoding: 'utf8' });
    if (built.status !== 0) throw new Error(built.stderr);
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the main bundle starts window first', () => {
  it('creates the window before any npm package loads, then answers the page its first view', () => {
    const marks = runWithStandIn(BUNDLE, join(dir, 'first'), env, 'view');
    expect(marks.packagesBeforeWindow.filter((name) => !isBuiltin(name))).toEqual([]);
    expect(marks.view).toBeGreaterThan(marks.window);
  });

  it('keeps V8 compile cache in a private folder of the user data', () => {
    const userData = join(dir, 'cached');
    runWithStandIn(BUNDLE, userData, env, 'view');
    const folder = join(userData, 'compile-cache');
    expect(existsSync(folder)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(folder).mode & 0o777).toBe(0o700);
  });
});
