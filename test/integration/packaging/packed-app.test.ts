// Packs the app for real with `electron-builder --linux dir` on a stand-in Electron (a
// small file carrying the fuse wire, DESIGN.md §4) and checks what an installer would
// ship: app.asar holds only the built output and the production modules, no sources,
// maps, tests, emulator or relay; the organisation's config is shipped inside it; the fuse wire is
// flipped as electron-builder.yml says; and app.asar stays small (printed, at most 8 MB).
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { getConfig } from 'app-builder-lib/out/util/config/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePackagedConfig } from '../../../main/packaged-config';
import { publishSettings } from '../../../scripts/dist';

const ASAR_LIMIT_BYTES = 8 * 1024 * 1024;
// Electron's own defaults, as the stand-in carries them before electron-builder flips them.
const DEFAULT_FUSES = '10110001';
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const work = mkdtempSync(join(tmpdir(), 'pg-pack-'));
const appDir = join(work, 'release', 'linux-unpacked');
const asarPath = join(appDir, 'resources', 'app.asar');
let files: string[] = [];

/** A folder electron-builder accepts as an Electron build: the binary is a tiny script. */
function standInElectron(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const binary = join(dir, 'electron');
  writeFileSync(binary, Buffer.concat([Buffer.from('#!/bin/sh\necho "stand-in Electron"\n# '), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from(DEFAULT_FUSES), Buffer.from('\n')]));
  chmodSync(binary, 0o755);
  for (const name of ['chrome-sandbox', 'resources.pak', 'icudtl.dat', 'v8_context_snapshot.bin']) writeFileSync(join(dir, name), '');
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
}

beforeAll(() => {
  if (!existsSync('out/main/index.js') || !existsSync('out/preload/index.cjs') || !existsSync('out/renderer/index.html')) {
    run(npx, ['electron-vite', 'build']);
  }
  // `npm run dist` writes the validated config here; the example stands in for an organisation's.
  copyFileSync('build/app-config.example.json', 'out/app-config.json');
  standInElectron(join(work, 'electron'));
  // The feed as `npm run dist` derives it from the app-config.
  const example = parsePackagedConfig(JSON.parse(readFileSync('build/app-config.example.json', 'utf8')), { allowEmbeddedSecret: false });
  const feed = example.ok ? publishSettings(example.config)?.[0] : undefined;
  if (feed === undefined) throw new Error('the example app-config names no update feed');
  const publish = [`-c.publish.provider=${feed.provider}`, `-c.publish.url=${feed.url}`, `-c.publish.channel=${feed.channel}`];
  run(npx, ['electron-builder', '--linux', 'dir', `-c.electronDist=${join(work, 'electron')}`, '-c.electronVersion=45.5.0', `-c.directories.output=${join(work, 'release')}`, ...publish]);
  files = listPackage(asarPath, { isPack: false }).map((path) => path.replaceAll('\\', '/'));
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const productionPackages = (): Set<string> => {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
  const names = new Set<string>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path.startsWith('node_modules/') && !entry.dev && !entry.devOptional) names.add(path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
  }
  return names;
};

describe('the packed app', () => {
  it('keeps app.asar small', () => {
    const size = statSync(asarPath).size;
    console.log(`[pack] app.asar: ${(size / 1e6).toFixed(2)} MB (${size} bytes; limit ${ASAR_LIMIT_BYTES / 1024 / 1024} MiB), ${files.length} entries`);
    expect(size).toBeLessThanOrEqual(ASAR_LIMIT_BYTES);
  });

  it('holds only the built output, package.json and production modules', () => {
    const production = productionPackages();
    const strays: string[] = [];
    for (const file of files) {
      if (file === '/package.json' || file === '/out/app-config.json' || /^\/out(\/(main|preload|renderer)(\/.*)?)?$/.test(file)) continue;
      const module = /^\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];
      if (file === '/node_modules' || (module !== undefined && production.has(module))) continue;
      strays.push(file);
    }
    expect(strays).toEqual([]);
  });

  it('ships no sources, maps, tests, emulator, relay, secrets config or what the renderer bundle already holds', () => {
    const ours = files.filter((file) => !file.startsWith('/node_modules/'));
    expect(ours.filter((file) => /\.(ts|tsx|mts|cts|map)$/.test(file))).toEqual([]);
    expect(files.filter((file) => /^\/(test|emulator|relay|scripts|docs|build|main|preload|renderer)(\/|$)/.test(file))).toEqual([]);
    expect(files.filter((file) => file.startsWith('/out/bench-floors'))).toEqual([]);
    for (const module of ['react', 'react-dom', 'scheduler', 'zod', 'electron-store', 'electron-log', 'conf', 'ajv', 'electron', 'vite', 'vitest', '@playwright/test', 'fastify', 'ioredis']) {
      expect(files.filter((file) => file.startsWith(`/node_modules/${module}/`)), module).toEqual([]);
    }
    expect(files).toContain('/out/main/index.js');
    expect(files).toContain('/out/preload/index.cjs');
    expect(files).toContain('/out/renderer/index.html');
    // The packaged main bundle must still find every package it imports at run time.
    const packaged = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as { main?: string };
    expect(packaged.main).toBe('out/main/index.js');
  });

  it("ships the organisation's config inside app.asar, where asar integrity covers it", () => {
    const shipped = extractFile(asarPath, 'out/app-config.json').toString('utf8');
    expect(JSON.parse(shipped)).toEqual(JSON.parse(readFileSync('build/app-config.example.json', 'utf8')));
  });

  it('tells electron-updater where its feed and cache are, beside app.asar, from the app-config', () => {
    const written = readFileSync(join(appDir, 'resources', 'app-update.yml'), 'utf8');
    expect(written).toMatch(/^provider: generic$/m);
    expect(written).toMatch(/^url: https:\/\/downloads\.example\.org\/promptgrimoire$/m);
    expect(written).toMatch(/^channel: latest$/m);
    expect(written).toMatch(/^updaterCacheDirName: promptgrimoire-desktop-updater$/m);
  });

  it('ships electron-updater, which loads only after the first window, as a production module', () => {
    expect(files).toContain('/node_modules/electron-updater/package.json');
    expect(files.filter((file) => file.startsWith('/node_modules/app-builder-lib/'))).toEqual([]);
  });

  it('flips the fuse wire exactly as electron-builder.yml says', async () => {
    // Loaded the way electron-builder loads it (null, null: find electron-builder.yml).
    const fuses = ((await getConfig(process.cwd(), null, null)).electronFuses ?? {}) as Record<string, boolean | undefined>;
    const wire = await getCurrentFuseWire(join(appDir, 'promptgrimoire-desktop'));
    expect(wire.version).toBe(FuseVersion.V1);
    const expected: Record<string, boolean> = {
      [FuseV1Options.RunAsNode]: fuses['runAsNode'] ?? true,
      [FuseV1Options.EnableCookieEncryption]: fuses['enableCookieEncryption'] ?? false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: fuses['enableNodeOptionsEnvironmentVariable'] ?? true,
      [FuseV1Options.EnableNodeCliInspectArguments]: fuses['enableNodeCliInspectArguments'] ?? true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: fuses['enableEmbeddedAsarIntegrityValidation'] ?? false,
      [FuseV1Options.OnlyLoadAppFromAsar]: fuses['onlyLoadAppFromAsar'] ?? false,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: fuses['loadBrowserProcessSpecificV8Snapshot'] ?? false,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: fuses['grantFileProtocolExtraPrivileges'] ?? true,
    };
    const actual = Object.fromEntries(Object.keys(expected).map((option) => [option, String.fromCharCode(Number(wire[Number(option) as FuseV1Options])) === '1']));
    expect(actual).toEqual(expected);
    // The security-critical ones, spelled out.
    expect(actual[FuseV1Options.RunAsNode]).toBe(false);
    expect(actual[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(actual[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
  });
});
