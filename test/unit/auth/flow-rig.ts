// The real core (flow, authenticator, lifecycle, vault) over the in-memory gateway, for
// state-machine tests under vitest's fake timers: the core's own timers are real setTimeouts,
// and fake time moves them, Date.now(), and the gateway's token and session clock together.
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { createAppCore, type AppCoreWithIdle } from '../../../main/app-core';
import { createPkcePair } from '../../../main/auth/pkce';
import { loadConfig, type AppConfig } from '../../../main/config';
import { createLogger } from '../../../common/log/logger';
import type { AuthView } from '../../../preload/api';
import type { Store } from '../../../common/ports';
import { createAesGcmCipher } from '../../fixtures/aes-gcm-cipher';
import { createMemoryGateway, type MemoryGateway } from '../../fixtures/memory-gateway';

export interface FlowRig {
  gateway: MemoryGateway;
  core: AppCoreWithIdle;
  config: AppConfig;
  store: Store;
  /** Every view pushed to the page, in order. */
  views: AuthView[];
  /** Every log line, as written. */
  lines: string[];
  /** A second core on the same store and gateway: an app restart. */
  restart(): AppCoreWithIdle;
  /** The emailed link for an address, as the OS hands it over. */
  deepLinkFor(email: string): string;
  /** Signs `email` in on another computer and makes a link for this account there (no PKCE). */
  deviceLinkFrom(email: string): Promise<string>;
  /** Sends a link to `email` and clicks it: signed in. */
  signIn(email: string): Promise<AuthView>;
  dispose(): Promise<void>;
}

// Fixed, so a restart decrypts what the first core stored.
const KEY = Buffer.alloc(32, 7);

export function memoryStore(): Store {
  const values = new Map<string, unknown>();
  return {
    get: (key) => values.get(key),
    set: (key, value) => void values.set(key, value),
    delete: (key) => void values.delete(key),
    keys: () => [...values.keys()],
  };
}

export function deepLinkFor(token: string): string {
  return `promptgrimoire://auth/callback?stytch_token_type=magic_links&token=${encodeURIComponent(token)}`;
}

export function startFlowRig(env: Record<string, string> = {}): FlowRig {
  const gateway = createMemoryGateway();
  const store = memoryStore();
  const lines: string[] = [];
  const views: AuthView[] = [];
  const logger = createLogger((level, line) => lines.push(`${level} ${line}`), { minLevel: 'debug' });
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const config = loaded.config;
  const cores: AppCoreWithIdle[] = [];
  const make = (): AppCoreWithIdle => {
    // The gateway outlives a restart, as Stytch does: closing a core must not close it.
    const core = createAppCore({ config, cipher: createAesGcmCipher(KEY), store, logger, gateway: { ...gateway, close: () => Promise.resolve() } });
    core.onView((view) => views.push(view));
    cores.push(core);
    return core;
  };
  const core = make();
  const linkFor = (email: string): string => deepLinkFor(gateway.latestToken(email) ?? '');
  return {
    gateway,
    core,
    config,
    store,
    views,
    lines,
    restart: make,
    deepLinkFor: linkFor,
    async deviceLinkFrom(email) {
      const pkce = createPkcePair();
      await gateway.sendMagicLink({ email, codeChallenge: pkce.challenge, callbackUrl: config.callbackUrl, loginExpirationMinutes: 60, signupExpirationMinutes: 60 });
      const elsewhere = await gateway.authenticateMagicLink({ token: gateway.latestToken(email) ?? '', codeVerifier: pkce.verifier, sessionDurationMinutes: 60 });
      if (!elsewhere.ok) throw new Error('could not sign in on the other computer');
      const { sessionId, sessionToken, user } = elsewhere.value;
      const link = await gateway.createEmbeddableLink({ userId: user.userId, sessionId, sessionToken }, 10);
      if (!link.ok) throw new Error('could not make a link for another computer');
      return deepLinkFor(link.value.token);
    },
    async signIn(email) {
      await core.start();
      expect(await core.sendLink(email)).toMatchObject({ status: 'link-sent' });
      await core.handleDeepLink(linkFor(email));
      expect(core.view()).toMatchObject({ status: 'signed-in', email });
      await core.idle();
      return core.view();
    },
    async dispose() {
      for (const each of cores) await each.dispose();
    },
  };
}

/** Where every state-machine test's clock starts. */
export const FLOW_START = Date.UTC(2030, 0, 1, 9, 0, 0);

/**
 * Fake timers and Date from FLOW_START for each test of the file, and the rig it made
 * disposed after. setImmediate stays real: the core defers housekeeping with it and idle()
 * waits for that.
 */
export function useFlowTime(current: () => FlowRig | undefined): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], now: FLOW_START });
  });
  afterEach(async () => {
    await current()?.dispose();
    vi.useRealTimers();
  });
}
