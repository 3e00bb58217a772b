// Set-up for account tests: real cores with a memory clipboard on temp-dir stores against
// the real emulator, and a plain SDK client standing in for "the same person elsewhere".
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Client } from 'stytch';
import { startEmulator, type RunningEmulator } from '../../../emulator/index';
import { createAppCore, type AppCoreWithIdle } from '../../../main/app-core';
import type { StytchGateway } from '../../../main/auth/stytch-gateway';
import { loadConfig, type AppConfig } from '../../../main/config';
import { createLogger } from '../../../common/log/logger';
import { startRelay, type RunningRelay } from '../../../relay/server';
import { createAesGcmCipher } from '../../fixtures/aes-gcm-cipher';
import { createConfStore } from '../../fixtures/conf-store';
import { stytchClientFor } from '../../fixtures/stytch-client';
import { createMemoryClipboard, type MemoryClipboard } from '../../fixtures/memory-clipboard';
import { configFor, deepLinkFor } from '../core/harness';

export { deepLinkFor };

export interface Installation {
  core: AppCoreWithIdle;
  clipboard: MemoryClipboard;
  /** Its own store directory: another computer, or another installation. */
  dir: string;
  key: Buffer;
}

export interface AccountRig {
  emulator: RunningEmulator;
  config: AppConfig;
  /** The SDK with the project secret, as an administrator or a second device would use it. */
  stytch: Client;
  lines: string[];
  /** A new installation on a store of its own. */
  install(options?: { config?: AppConfig; gateway?: StytchGateway }): Installation;
  /** The same installation started again (same store and key): an app restart. */
  restart(installation: Installation): Installation;
  /** Starts a relay in front of the emulator (closed at cleanup) and answers an app config for it. */
  relayConfig(options: { invitesEnabled: boolean }): Promise<AppConfig>;
  /** Sends a link from `core`, follows it, and expects to be signed in. */
  signIn(core: AppCoreWithIdle, email: string): Promise<void>;
  cleanup(): Promise<void>;
}

export async function startAccountRig(env: Record<string, string> = {}): Promise<AccountRig> {
  const emulator = await startEmulator();
  const config = configFor(emulator, env);
  const lines: string[] = [];
  const logger = createLogger((level, line) => lines.push(`${level} ${line}`), { minLevel: 'debug' });
  const made: Installation[] = [];
  const stytch = stytchClientFor(emulator);
  const relays: RunningRelay[] = [];

  function open(dir: string, key: Buffer, options: { config?: AppConfig; gateway?: StytchGateway } = {}): Installation {
    const clipboard = createMemoryClipboard();
    const core = createAppCore({
      config: options.config ?? config,
      cipher: createAesGcmCipher(key),
      store: createConfStore(dir),
      logger,
      clipboard,
      ...(options.gateway ? { gateway: options.gateway } : {}),
    });
    const installation = { core, clipboard, dir, key };
    made.push(installation);
    return installation;
  }

  return {
    emulator,
    config,
    stytch,
    lines,
    install(options = {}) {
      return open(mkdtempSync(join(tmpdir(), 'grimoire-account-')), randomBytes(32), options);
    },
    restart: (installation) => open(installation.dir, installation.key),
    async relayConfig({ invitesEnabled }) {
      const relay = await startRelay({
        port: 0,
        invitesEnabled,
        stytch: { projectId: emulator.projectId, secret: emulator.secret, apiUrl: emulator.url },
        logLine: () => undefined,
      });
      relays.push(relay);
      const loaded = loadConfig({
        STYTCH_PROJECT_ID: emulator.projectId,
        PROMPTGRIMOIRE_RELAY_URL: relay.url,
        PROMPTGRIMOIRE_INVITES_ENABLED: String(invitesEnabled),
      });
      if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
      expect(loaded.config.mode).toBe('relay');
      return loaded.config;
    },
    async signIn(core, email) {
      await core.start();
      expect(await core.sendLink(email)).toMatchObject({ status: 'link-sent' });
      const token = emulator.latestMessage(email)?.token ?? '';
      await core.handleDeepLink(deepLinkFor(token));
      expect(core.view()).toMatchObject({ status: 'signed-in', email });
    },
    async cleanup() {
      for (const each of made) await each.core.dispose();
      for (const relay of relays) await relay.close();
      for (const dir of new Set(made.map((each) => each.dir))) rmSync(dir, { recursive: true, force: true });
      await emulator.close();
    },
  };
}
