// Shared set-up for core integration tests: the real core, the real SDK and the real
// emulator, with an AES-GCM cipher and a conf store in a temp dir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/index';
import { createAppCore, type AppCoreWithIdle } from '../../../main/app-core';
import { loadConfig, type AppConfig } from '../../../main/config';
import { createLogger } from '../../../common/log/logger';
import type { CipherStatus } from '../../../common/ports';
import { createAesGcmCipher } from '../../fixtures/aes-gcm-cipher';
import { createConfStore, type ConfStore } from '../../fixtures/conf-store';

export interface CoreRig {
  emulator: RunningEmulator;
  dir: string;
  key: Buffer;
  lines: string[];
  store: ConfStore;
  config: AppConfig;
  core: AppCoreWithIdle;
  /** A new core on the same store dir and key: an app restart. */
  restart(change?: (config: AppConfig) => AppConfig): AppCoreWithIdle;
  cleanup(): Promise<void>;
}

export function configFor(emulator: RunningEmulator, env: Record<string, string> = {}): AppConfig {
  const result = loadConfig({
    STYTCH_PROJECT_ID: emulator.projectId,
    STYTCH_SECRET: emulator.secret,
    STYTCH_API_URL: emulator.url,
    ...env,
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.config;
}

export async function startRig(env: Record<string, string> = {}, cipher?: CipherStatus): Promise<CoreRig> {
  const emulator = await startEmulator();
  const dir = mkdtempSync(join(tmpdir(), 'grimoire-core-'));
  const key = randomBytes(32);
  const lines: string[] = [];
  const logger = createLogger((level, line) => lines.push(`${level} ${line}`), { minLevel: 'debug' });
  const config = configFor(emulator, env);
  const cores: AppCoreWithIdle[] = [];
  const make = (change: (config: AppConfig) => AppConfig = (same) => same): AppCoreWithIdle => {
    const core = createAppCore({
      config: change(config),
      cipher: cipher ?? createAesGcmCipher(key),
      store: createConfStore(dir),
      logger,
    });
    cores.push(core);
    return core;
  };
  const core = make();
  return {
    emulator,
    dir,
    key,
    lines,
    store: createConfStore(dir),
    config,
    core,
    restart: make,
    async cleanup() {
      for (const each of cores) await each.dispose();
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The deep link the OS would hand over after the browser follows the emailed link. */
export function deepLinkFor(token: string): string {
  return `promptgrimoire://auth/callback?stytch_token_type=magic_links&token=${encodeURIComponent(token)}`;
}

/** Signs the rig's first core in through a real emailed link and lets its background work settle. */
export async function signInCore(rig: CoreRig, email: string): Promise<void> {
  await rig.core.start();
  await rig.core.sendLink(email);
  await rig.core.handleDeepLink(deepLinkFor(rig.emulator.latestMessage(email)?.token ?? ''));
  expect(rig.core.view().status).toBe('signed-in');
  await rig.core.idle();
}
