// The hardening suites' rig: the real core, the real SDK gateway and the real emulator, the
// store opened the way the app opens it (openSessionStore over conf), a debug log captured
// line by line, and a gateway wrapper that records every secret value the run used (link
// tokens, PKCE verifiers and challenges, session tokens, JWTs) so suites can look for them.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import type { Options } from 'electron-store';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../emulator/index';
import { createAppCore, type AppCoreWithIdle } from '../../../main/app-core';
import { createSdkGateway } from '../../../main/auth/sdk-gateway';
import type { GatewayResult, StytchGateway } from '../../../main/auth/stytch-gateway';
import type { AppConfig } from '../../../main/config';
import { openSessionStore, storeFilePath, type StoreBacking } from '../../../main/electron/session-store';
import { createLogger } from '../../../common/log/logger';
import type { CipherStatus, Store } from '../../../common/ports';
import { createAesGcmCipher } from '../../fixtures/aes-gcm-cipher';
import { createManualClock, type ManualClock } from '../../fixtures/manual-clock';
import { configFor, deepLinkFor } from '../core/harness';

export { deepLinkFor };

export const PATHS = {
  send: '/v1/magic_links/email/login_or_create',
  authenticate: '/v1/magic_links/authenticate',
  sessionAuthenticate: '/v1/sessions/authenticate',
  revoke: '/v1/sessions/revoke',
} as const;

/** conf in place of electron-store: the same file format and options, no Electron. */
export const confBacking = (options: Options<Record<string, unknown>>): StoreBacking => {
  const { name, ...rest } = options;
  return new Conf<Record<string, unknown>>({ ...rest, configName: name, projectName: 'promptgrimoire', accessPropertiesByDotNotation: false });
};

export interface CoreOptions {
  /** Another AES key (a store carried to another OS account), or a cipher status of its own. */
  cipher?: CipherStatus;
  /** Point this core at another Stytch-compatible URL (a misbehaving server). */
  baseUrl?: string;
  timeoutMs?: number;
}

export interface HardeningRig {
  emulator: RunningEmulator;
  /** The user-data folder: the store file and anything moved aside live here. */
  dir: string;
  storeFile: string;
  key: Buffer;
  clock: ManualClock;
  /** Every log line of every core in this rig, debug included, as the sink got it. */
  lines: string[];
  /** Every secret value the gateways saw or received in this run. */
  secrets: Set<string>;
  /** What the cores wrote to the clipboard ("Copy link" for another computer), in order. */
  clipboard: string[];
  config: AppConfig;
  /** A new core over the same folder: the app (re)started. */
  core(options?: CoreOptions): AppCoreWithIdle;
  /** The store as the next core will see it (opened the app's way). */
  store(): Store;
  cleanup(): Promise<void>;
}

function record(secrets: Set<string>, ...values: Array<string | undefined>): void {
  for (const value of values) if (value) secrets.add(value);
}

/** Wraps a gateway so each secret that passes through it is remembered. */
function recording(inner: StytchGateway, secrets: Set<string>): StytchGateway {
  const keep = <T extends { sessionToken: string; sessionJwt: string }>(result: GatewayResult<T>): GatewayResult<T> => {
    if (result.ok) record(secrets, result.value.sessionToken, result.value.sessionJwt);
    return result;
  };
  // Methods this wrapper does not watch (account calls, key fetches) pass straight through.
  return {
    ...inner,
    sendMagicLink: (request) => {
      record(secrets, request.codeChallenge);
      return inner.sendMagicLink(request);
    },
    authenticateMagicLink: async (request) => {
      record(secrets, request.token, request.codeVerifier);
      return keep(await inner.authenticateMagicLink(request));
    },
    authenticateSession: async (token) => {
      record(secrets, token);
      return keep(await inner.authenticateSession(token));
    },
    revokeSession: (token) => {
      record(secrets, token);
      return inner.revokeSession(token);
    },
  };
}

export async function startHardeningRig(options: { env?: Record<string, string>; emulator?: EmulatorOptions; cipher?: CipherStatus } = {}): Promise<HardeningRig> {
  const emulator = await startEmulator(options.emulator);
  const dir = mkdtempSync(join(tmpdir(), 'grimoire-hardening-'));
  const key = randomBytes(32);
  // Real time, moved by hand only where a suite needs it (resend cooldown).
  const clock = createManualClock(Date.now());
  const lines: string[] = [];
  const secrets = new Set<string>([emulator.secret]);
  const clipboard: string[] = [];
  const logger = createLogger((level, line) => lines.push(`${level} ${line}`), { minLevel: 'debug' });
  const config = configFor(emulator, options.env);
  const cores: AppCoreWithIdle[] = [];
  const store = (): Store => openSessionStore({ userDataDir: dir, open: confBacking, logger, now: () => clock.now() });

  return {
    emulator,
    dir,
    storeFile: storeFilePath(dir),
    key,
    clock,
    lines,
    secrets,
    clipboard,
    config,
    store,
    core(coreOptions = {}) {
      if (config.mode === 'relay') throw new Error('the hardening rig runs in direct mode');
      const gateway = createSdkGateway({
        projectId: config.stytch.projectId,
        secret: config.stytch.secret,
        baseUrl: coreOptions.baseUrl ?? config.stytch.baseUrl,
        timeoutMs: coreOptions.timeoutMs ?? config.stytchTimeoutMs,
        logger,
      });
      const core = createAppCore({
        config,
        cipher: coreOptions.cipher ?? options.cipher ?? createAesGcmCipher(key),
        store: store(),
        logger,
        clock,
        gateway: recording(gateway, secrets),
        clipboard: {
          writeText: (text) => void clipboard.push(text),
          writeSecret: (text) => void clipboard.push(text),
          readText: () => Promise.resolve(clipboard.at(-1) ?? ''),
          clear: () => void clipboard.push(''),
        },
      });
      cores.push(core);
      return core;
    },
    async cleanup() {
      for (const each of cores) await each.dispose();
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sends a link for `email` and returns the token the emulator "emailed". */
export async function requestLink(rig: HardeningRig, core: AppCoreWithIdle, email: string): Promise<string> {
  await core.start();
  const view = await core.sendLink(email);
  if (view.status !== 'link-sent') throw new Error(`sending a link failed: ${JSON.stringify(view.notice)}`);
  const token = rig.emulator.latestMessage(email)?.token;
  if (!token) throw new Error('the emulator sent no link');
  return token;
}

/** A full sign-in through the deep link; resolves once background work has settled. */
export async function signIn(rig: HardeningRig, core: AppCoreWithIdle, email: string): Promise<void> {
  const token = await requestLink(rig, core, email);
  await core.handleDeepLink(deepLinkFor(token));
  if (core.view().status !== 'signed-in') throw new Error(`sign-in failed: ${JSON.stringify(core.view().notice)}`);
  await core.idle();
}

/** Counts unhandled rejections while a suite runs; the suites expect zero. */
export function countUnhandledRejections(): { count: () => number; stop: () => void; reasons: unknown[] } {
  const reasons: unknown[] = [];
  const listener = (reason: unknown): void => {
    reasons.push(reason);
  };
  process.on('unhandledRejection', listener);
  return { count: () => reasons.length, reasons, stop: () => process.off('unhandledRejection', listener) };
}
