// Cold-start benchmark, in plain Node: the built main bundle runs with `electron` resolved
// to a recording stand-in (cold-start/hooks.mjs), which notes when the first BrowserWindow
// is constructed and when the page gets its first view. Beside it, two floors bundled the
// same way and measured in the same rounds: a bundle that only creates a window, and one
// that creates the window and runs the local restore. Each run is a fresh process on a
// copy of one seeded user-data folder holding a signed-in session, so every restore does
// the real work (decrypt, verify). "Second start" reuses a run's folder, compile cache
// included. Targets: window ≤ 1.2× floor 1; first view ≤ 1.2× floor 2. Prints, never asserts.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { build } from 'esbuild';
import { startEmulator } from '../../emulator/index';
import { createAppCore } from '../../main/app-core';
import { loadConfig } from '../../main/config';
import { createSafeStorageCipher } from '../../main/electron/safe-storage-cipher';
import { openSessionStore } from '../../main/electron/session-store';
import { createLogger } from '../../common/log/logger';
import { runWithStandIn as run } from './cold-start/run-bundle';
import { standInSafeStorage } from './cold-start/stand-in-safe-storage.mjs';
import { median } from './stats';

const ROUNDS = Number(process.env['COLD_START_ROUNDS'] ?? 15);
const APP_BUNDLE = 'out/main/index.js';
const FLOOR_DIR = 'out/bench-floors';

async function buildFloors(): Promise<{ window: string; restore: string }> {
  // Bundled as electron-vite bundles main: ESM for Node, every npm package left external.
  await build({
    entryPoints: { 'floor-window': 'scripts/bench/cold-start/floor-window.ts', 'floor-restore': 'scripts/bench/cold-start/floor-restore.ts' },
    outdir: FLOOR_DIR,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outExtension: { '.js': '.js' },
    logLevel: 'warning',
  });
  return { window: join(FLOOR_DIR, 'floor-window.js'), restore: join(FLOOR_DIR, 'floor-restore.js') };
}

/** A user-data folder with a signed-in session stored the way the app stores it. */
async function seedSignedIn(env: Record<string, string>, latestToken: (email: string) => string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'grimoire-cold-start-seed-'));
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const logger = createLogger(() => undefined);
  // conf is electron-store's Node-only base: the same file, format and mode.
  const store = openSessionStore({ userDataDir: dir, logger, open: (options) => new Conf({ ...options, configName: options.name ?? 'config', projectName: 'promptgrimoire' }) });
  const core = createAppCore({ config: loaded.config, cipher: createSafeStorageCipher(standInSafeStorage, 'linux'), store, logger });
  await core.start();
  const email = 'cold-start@bench.example';
  await core.sendLink(email);
  await core.handleDeepLink(`promptgrimoire://auth/callback?stytch_token_type=magic_links&token=${latestToken(email)}`);
  // Signing keys are captured in the background; the restore verifies with them.
  await core.idle();
  if (core.view().status !== 'signed-in') throw new Error('could not seed a signed-in session');
  await core.dispose();
  return dir;
}

function fresh(seed: string, root: string, name: string): string {
  const dir = join(root, name);
  cpSync(seed, dir, { recursive: true });
  return dir;
}

const ratio = (value: number, floor: number): string => `${(value / floor).toFixed(2)}×`;
const ms = (value: number): string => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  if (!existsSync(APP_BUNDLE)) throw new Error(`${APP_BUNDLE} is missing: run "npx electron-vite build" first`);
  mkdirSync(FLOOR_DIR, { recursive: true });
  const floors = await buildFloors();
  const emulator = await startEmulator();
  const env = { STYTCH_PROJECT_ID: emulator.projectId, STYTCH_SECRET: emulator.secret, STYTCH_API_URL: emulator.url };
  const seed = await seedSignedIn(env, (email) => emulator.latestMessage(email)?.token ?? '');
  const root = mkdtempSync(join(tmpdir(), 'grimoire-cold-start-runs-'));
  const figures = { floorWindow: [] as number[], floorRestoreView: [] as number[], appWindow: [] as number[], appView: [] as number[], secondWindow: [] as number[], secondView: [] as number[] };
  let packagesBeforeWindow: string[] = [];
  try {
    // One warm-up of each, not counted: the OS file cache, not the app, would win the first.
    run(floors.window, fresh(seed, root, 'warm-1'), env, 'window');
    run(floors.restore, fresh(seed, root, 'warm-2'), env, 'view');
    run(APP_BUNDLE, fresh(seed, root, 'warm-3'), env, 'view');
    for (let round = 0; round < ROUNDS; round += 1) {
      figures.floorWindow.push(run(floors.window, fresh(seed, root, `fw-${round}`), env, 'window').window);
      figures.floorRestoreView.push(run(floors.restore, fresh(seed, root, `fr-${round}`), env, 'view').view ?? NaN);
      const userData = fresh(seed, root, `app-${round}`);
      const first = run(APP_BUNDLE, userData, env, 'view');
      figures.appWindow.push(first.window);
      figures.appView.push(first.view ?? NaN);
      packagesBeforeWindow = first.packagesBeforeWindow;
      // The same folder again: what a person sees the second time they open the app.
      const second = run(APP_BUNDLE, userData, env, 'view');
      figures.secondWindow.push(second.window);
      figures.secondView.push(second.view ?? NaN);
    }
  } finally {
    await emulator.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(seed, { recursive: true, force: true });
  }
  const m = Object.fromEntries(Object.entries(figures).map(([key, values]) => [key, median(values)])) as Record<keyof typeof figures, number>;
  console.log(`Cold start in plain Node ${process.version}, ${ROUNDS} rounds, medians, ms since process start (signed-in session stored):`);
  console.log(`  floor 1, window only:          window ${ms(m.floorWindow)}`);
  console.log(`  floor 2, window + restore:     first view ${ms(m.floorRestoreView)}`);
  console.log(`  app, first start:              window ${ms(m.appWindow)} (${ratio(m.appWindow, m.floorWindow)} floor 1; target ≤ 1.2×), first view ${ms(m.appView)} (${ratio(m.appView, m.floorRestoreView)} floor 2; target ≤ 1.2×)`);
  console.log(`  app, second start (same user data, compile cache): window ${ms(m.secondWindow)} (${ratio(m.secondWindow, m.floorWindow)}), first view ${ms(m.secondView)} (${ratio(m.secondView, m.floorRestoreView)})`);
  console.log(`  npm packages loaded before the window: ${packagesBeforeWindow.filter((name) => !isBuiltin(name)).join(', ') || 'none'}`);
}

await main();
