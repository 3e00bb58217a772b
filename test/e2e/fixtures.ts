// The QA fixture. Specs import `test` and `expect` from here and get `app`:
// { page, emulator, deliverDeepLink(url), restart(), close() } on whichever target the
// Playwright project names ('harness' or 'electron'), so a spec is written once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startEmulator, type OutboxMessage, type RunningEmulator } from '../../emulator/index';
import { startRelay, type RunningRelay } from '../../relay/server';
import type { AppTarget } from './targets/app-target';
import { BridgeFaults } from './targets/bridge-faults';
import { electronSkipReason, launchElectronTarget, type MainMenu } from './targets/electron';
import { launchHarnessTarget } from './targets/harness';
import type { AppSimulations } from './targets/harness-updates';

export interface AppFixture {
  readonly page: Page;
  readonly emulator: RunningEmulator;
  deliverDeepLink(url: string): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
  /** What the app last put on the system clipboard. */
  readClipboard(): Promise<string>;
  /** See AppTarget.advanceClock: undefined where the target cannot move the app's clock. */
  readonly advanceClock: ((ms: number) => Promise<void>) | undefined;
  /** Lines the main core logged (harness target only; empty on the electron target). */
  readonly logLines: readonly string[];
  /**
   * Faults to queue on the page's calls to main (harness target only: on the electron
   * target there is no test-side hop to put them on, and queuing one fails the test).
   */
  readonly faults: BridgeFaults;
  /** Updates on the feed, the application menu (harness target only; undefined on the electron target). */
  readonly simulate: AppSimulations | undefined;
  /** The real application menu (electron target only; undefined on the harness target). */
  readonly mainMenu: MainMenu | undefined;
}

export interface AppOptions {
  /** Extra environment for the app's configuration. */
  appEnv: Record<string, string>;
}

/** How the app reaches Stytch in a project: with the secret itself, or through the relay. */
type Backend = 'direct' | 'relay';

/** The app's configuration for this test: the emulator directly, or a relay in front of it. */
function backendEnv(backend: Backend, emulator: RunningEmulator, relay: RunningRelay | undefined): Record<string, string> {
  if (backend === 'relay' && relay) {
    return { STYTCH_PROJECT_ID: emulator.projectId, PROMPTGRIMOIRE_RELAY_URL: relay.url };
  }
  return { STYTCH_PROJECT_ID: emulator.projectId, STYTCH_SECRET: emulator.secret, STYTCH_API_URL: emulator.url };
}

/**
 * A test that sets the app's Stytch timeout means the wait between the app and Stytch, so
 * the relay in between never gives up first (its own default, 10 s, would cut a longer
 * wait short). Both timers run in this process, the app's started first and ends first.
 */
function relayTimeoutMs(appEnv: Record<string, string>): number | undefined {
  const value = appEnv['PROMPTGRIMOIRE_STYTCH_TIMEOUT_MS'];
  return value === undefined ? undefined : Number(value) + 1_000;
}

export const test = base.extend<AppOptions & { app: AppFixture }>({
  appEnv: [{}, { option: true }],
  app: async ({ browser, appEnv }, use, testInfo) => {
    const metadata = testInfo.project.metadata as { target?: 'harness' | 'electron'; backend?: Backend } | undefined;
    const target = metadata?.target ?? 'harness';
    if (target === 'electron') {
      const reason = electronSkipReason();
      testInfo.skip(reason !== null, reason ?? '');
    }
    const emulator = await startEmulator();
    const relay =
      metadata?.backend === 'relay'
        ? await startRelay({
            stytch: { projectId: emulator.projectId, secret: emulator.secret, apiUrl: emulator.url, timeoutMs: relayTimeoutMs(appEnv) },
            port: 0,
            // The relay, not the app, decides these in relay mode; follow the test's choice.
            signupPolicy: appEnv['PROMPTGRIMOIRE_SIGNUP_POLICY'] === 'existing-users-only' ? 'existing-users-only' : 'open',
            invitesEnabled: appEnv['PROMPTGRIMOIRE_INVITES_ENABLED'] === 'true',
            logLine: () => undefined,
          })
        : undefined;
    const env = { ...backendEnv(metadata?.backend ?? 'direct', emulator, relay), ...appEnv };
    const userDataDir = await mkdtemp(join(tmpdir(), 'promptgrimoire-e2e-'));
    let app: AppTarget & { logLines?: readonly string[]; simulate?: AppSimulations; mainMenu?: MainMenu };
    let closed = false;
    const faults = target === 'harness' ? new BridgeFaults() : unsupportedFaults();
    try {
      app =
        target === 'electron'
          ? await launchElectronTarget({ userDataDir, env })
          : await launchHarnessTarget({ browser, userDataDir, env, faults });
    } catch (error) {
      await relay?.close();
      await emulator.close();
      throw error;
    }
    await use({
      get page() {
        return app.page;
      },
      emulator,
      deliverDeepLink: (url) => app.deliverDeepLink(url),
      restart: () => app.restart(),
      readClipboard: () => app.readClipboard(),
      get advanceClock() {
        const advance = app.advanceClock?.bind(app);
        return advance === undefined ? undefined : (ms: number) => advance(ms);
      },
      close: async () => {
        closed = true;
        await app.close();
      },
      get logLines() {
        return app.logLines ?? [];
      },
      faults,
      get simulate() {
        return app.simulate;
      },
      get mainMenu() {
        return app.mainMenu;
      },
    });
    if (!closed) await app.close();
    await relay?.close();
    await emulator.close();
    await rm(userDataDir, { recursive: true, force: true });
  },
});

export { expect };

function unsupportedFaults(): BridgeFaults {
  const faults = new BridgeFaults();
  faults.next = () => {
    throw new Error('Bridge faults exist only on the harness target; skip this test on the electron target.');
  };
  return faults;
}

/** The newest email the emulator "sent" to this address; fails the test if there is none. */
export function latestEmail(emulator: RunningEmulator, email: string): OutboxMessage {
  const message = emulator.latestMessage(email);
  if (!message) throw new Error(`no magic link was sent to ${email}`);
  return message;
}

/**
 * What a browser does with the emailed link: follow Stytch's redirect endpoint and read
 * the promptgrimoire:// URL it sends the browser to (the OS then hands that to the app).
 */
export async function followEmailedLink(message: OutboxMessage): Promise<string> {
  const response = await fetch(message.link, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) {
    throw new Error(`the emailed link did not redirect (HTTP ${response.status})`);
  }
  return location;
}

/** Specs reach for their own Stytch client here, beside `test` and `expect`. */
export { stytchClientFor } from '../fixtures/stytch-client';
