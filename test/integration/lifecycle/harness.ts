// Set-up for session lifecycle tests: the real flow, SDK gateway and emulator, with an
// AES-GCM cipher and a conf store in a temp dir, and time (the flow's clock, its timers and
// the emulator's clock, which reads Date) moved only by the test, with vitest's fake timers.
// The emulator runs in this process, so one faked Date is everyone's clock.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Client } from 'stytch';
import { vi } from 'vitest';
import type { AuthView } from '../../../preload/api';
import { startEmulator, type RunningEmulator } from '../../../emulator/index';
import { createMagicLinkFlow, type MagicLinkFlow } from '../../../main/auth/magic-link-flow';
import { gatewayFor } from '../../../main/app-core';
import { createLogger } from '../../../common/log/logger';
import { createSessionVault, type StoredSession } from '../../../main/session/session-vault';
import { createVerifierStore } from '../../../main/session/verifier-store';
import { createAesGcmCipher } from '../../fixtures/aes-gcm-cipher';
import { createConfStore } from '../../fixtures/conf-store';
import { stytchClientFor } from '../../fixtures/stytch-client';
import { useFakeTime, type FakeTime } from '../../fixtures/fake-time';
import { configFor, deepLinkFor } from '../core/harness';

export const SESSION_AUTH = '/v1/sessions/authenticate';
export const REVOKE = '/v1/sessions/revoke';

export interface LifecycleRig {
  emulator: RunningEmulator;
  /** The flow's clock and its timers. */
  clock: FakeTime;
  lines: string[];
  flow: MagicLinkFlow;
  /** Every view the current flow pushed, oldest first. */
  views: AuthView[];
  /** The session as stored on disk right now (decrypted with the rig's key). */
  stored(): StoredSession | null;
  /** The raw files of the store, to prove no token is there in plain text. */
  rawStore(): string;
  /** Moves the flow's clock, its timers and the emulator's clock together. */
  advance(ms: number): Promise<void>;
  /** Quits the current flow and starts a new one on the same store and key. */
  restart(): Promise<MagicLinkFlow>;
  signIn(email: string): Promise<StoredSession>;
  /** A Stytch client of the project's own, as another device or an administrator would use. */
  admin: Client;
  cleanup(): Promise<void>;
}

export async function startLifecycleRig(env: Record<string, string> = {}): Promise<LifecycleRig> {
  const emulator = await startEmulator();
  const dir = mkdtempSync(join(tmpdir(), 'grimoire-lifecycle-'));
  const key = randomBytes(32);
  const lines: string[] = [];
  const logger = createLogger((level, line) => lines.push(`${level} ${line}`), { minLevel: 'debug' });
  const config = configFor(emulator, env);
  const clock = useFakeTime(Date.now());
  const storeDeps = () => ({ cipher: createAesGcmCipher(key), store: createConfStore(dir), logger, clock });
  const make = (): MagicLinkFlow =>
    createMagicLinkFlow({
      config,
      gateway: gatewayFor(config, logger),
      vault: createSessionVault(storeDeps()),
      verifiers: createVerifierStore(storeDeps()),
      logger,
      clock,
      random: () => 0.5,
    });

  const rig: LifecycleRig = {
    emulator,
    clock,
    lines,
    flow: make(),
    views: [],
    stored: () => createSessionVault(storeDeps()).load(),
    rawStore: () =>
      readdirSync(dir)
        .map((name) => readFileSync(join(dir, name), 'utf8'))
        .join('\n'),
    async advance(ms) {
      clock.advance(ms);
      await rig.flow.idle();
    },
    async restart() {
      await rig.flow.dispose();
      rig.flow = make();
      rig.views = [];
      rig.flow.onView((view) => rig.views.push(view));
      return rig.flow;
    },
    async signIn(email) {
      await rig.flow.start();
      await rig.flow.sendLink(email);
      await rig.flow.handleDeepLink(deepLinkFor(emulator.latestMessage(email)?.token ?? ''));
      await rig.flow.idle();
      const session = rig.stored();
      if (rig.flow.view().status !== 'signed-in' || !session) throw new Error('sign-in failed');
      return session;
    },
    admin: stytchClientFor(emulator),
    async cleanup() {
      vi.useRealTimers();
      await rig.flow.dispose();
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  rig.flow.onView((view) => rig.views.push(view));
  return rig;
}
