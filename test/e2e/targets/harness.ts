// The 'harness' e2e target: the built renderer in Chromium, with the real main-process
// core running in the test process and bound to `window.grimoire` through Playwright
// bindings. Everything but Electron itself is real: core, SDK, emulator, storage, crypto.
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { build } from 'esbuild';
import { createAppCore } from '../../../main/app-core';
import { createCommandRunner } from '../../../main/diagnostics/command-runner';
import type { AppCore } from '../../../main/app-core';
import { findCallbackUrlInArgv } from '../../../main/auth/deep-link';
import { loadConfig } from '../../../main/config';
import { createIpcEndpoints } from '../../../main/ipc/endpoints';
import { createIpcHandlers } from '../../../main/ipc/handlers';
import { createLogger } from '../../../common/log/logger';
import { PUSH_CONTRACT, type InvokeChannel } from '../../../preload/api';
import { createAesGcmCipher } from '../../fixtures/aes-gcm-cipher';
import { createConfStore } from '../../fixtures/conf-store';
import { createMemoryClipboard } from '../../fixtures/memory-clipboard';
import type { AppTarget } from './app-target';
import type { BridgeFaults } from './bridge-faults';
import { createHarnessDiagnostics } from './harness-diagnostics';
import { createHarnessUpdates, type AppSimulations } from './harness-updates';

const RENDERER_DIR = resolve('out/renderer');
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface HarnessOptions {
  browser: Browser;
  userDataDir: string;
  /** The app's environment: which Stytch (emulator or relay) and any other settings. */
  env: Record<string, string>;
  /** Faults specs queue on the page's calls (a call that throws or never answers). */
  faults?: BridgeFaults;
}

export interface HarnessTarget extends AppTarget {
  /** Every line the core logged, for secret-leak checks. */
  readonly logLines: readonly string[];
  readonly simulate: AppSimulations;
}

let bridgeScript: Promise<string> | undefined;

/** The page-side bridge: createBridge from the contract, over two Playwright bindings. */
function harnessBridgeScript(): Promise<string> {
  bridgeScript ??= build({
    stdin: {
      contents: `
        import { createBridge } from './preload/api';
        const listeners = new Map();
        window.__grimoireDeliver = (channel, payload) => {
          for (const listener of listeners.get(channel) ?? []) listener(payload);
        };
        const subscribe = (channel, listener) => {
          const set = listeners.get(channel) ?? new Set();
          listeners.set(channel, set);
          set.add(listener);
          return () => set.delete(listener);
        };
        window.grimoire = createBridge((channel, payload) => window.__grimoireInvoke(channel, payload), subscribe);
      `,
      resolveDir: resolve('.'),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    platform: 'browser',
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]?.text ?? '');
  return bridgeScript;
}

/** Serves the built renderer from loopback, refusing anything outside its folder. */
async function serveRenderer(): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = normalize(join(RENDERER_DIR, pathname === '/' ? 'index.html' : pathname));
    if (!file.startsWith(RENDERER_DIR + sep)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/index.html` };
}

export async function launchHarnessTarget(options: HarnessOptions): Promise<HarnessTarget> {
  const { browser, userDataDir } = options;
  const loaded = loadConfig(options.env);
  if (!loaded.ok) throw new Error(`harness configuration is invalid: ${loaded.errors.join('; ')}`);
  const config = loaded.config;
  // The key plays the OS keychain: it outlives a restart, like the user's login keyring.
  const cipher = createAesGcmCipher(randomBytes(32));
  const logLines: string[] = [];
  // Like the app's log file: lines land in the user-data folder, where support finds them.
  mkdirSync(join(userDataDir, 'logs'), { recursive: true });
  const logFilePath = join(userDataDir, 'logs', 'main.log');
  const logger = createLogger((level, line) => {
    logLines.push(`${level} ${line}`);
    appendFileSync(logFilePath, `${level} ${line}\n`);
  });
  // xdg-mime asks about a fresh user of this machine, not whoever runs the tests: the
  // screen then reads the same on every machine (no handler registered).
  const homeDir = join(userDataDir, 'home');
  mkdirSync(homeDir, { recursive: true });
  const runCommand = createCommandRunner({ env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: homeDir } });
  // The app's time, main process and window alike: the system's, until a spec moves it on.
  let clockOffsetMs = 0;
  const clock = { now: () => Date.now() + clockOffsetMs };
  // The OS clipboard, as the main process sees it.
  const clipboard = createMemoryClipboard();
  const [{ server, url }, script] = await Promise.all([serveRenderer(), harnessBridgeScript()]);

  let core: AppCore;
  let context: BrowserContext;
  let page: Page;
  let updates: ReturnType<typeof createHarnessUpdates>;
  const push = (channel: string, payload?: unknown): Promise<void> =>
    page
      .evaluate(([c, p]) => {
        (window as unknown as { __grimoireDeliver: (c: string, p: unknown) => void }).__grimoireDeliver(c, p);
      }, [channel, payload] as const)
      .catch(() => {
        // The page is closing or navigating; its next get brings it up to date.
      });

  async function open(): Promise<void> {
    const appCore = createAppCore({ config, cipher, store: createConfStore(userDataDir), clipboard, logger, clock });
    core = appCore;
    const diagnostics = createHarnessDiagnostics({ config, currentView: () => appCore.view(), logFilePath, clipboard, logger, runCommand });
    updates = createHarnessUpdates(appCore, clock, logger);
    const endpoints = createIpcEndpoints(createIpcHandlers({ core: appCore, account: appCore.account, diagnostics, updates: updates.policy }, logger), logger);
    context = await browser.newContext();
    // The window's timers and Date run from the same time as the core, flowing naturally
    // until advanceClock() jumps both forward.
    await context.clock.install({ time: clock.now() });
    page = await context.newPage();
    const currentPage = page;
    await currentPage.exposeBinding('__grimoireInvoke', (_source, channel: InvokeChannel, payload: unknown) =>
      options.faults ? options.faults.apply(channel, () => endpoints[channel](payload)) : endpoints[channel](payload),
    );
    await currentPage.addInitScript({ content: script });
    core.onView((view) => {
      currentPage
        .evaluate(([channel, payload]) => {
          (window as unknown as { __grimoireDeliver: (c: string, p: unknown) => void }).__grimoireDeliver(channel, payload);
        }, [PUSH_CONTRACT.onViewChanged.channel, view] as const)
        .catch(() => {
          // The page is closing or navigating; the next getView() brings it up to date.
        });
    });
    updates.policy.onView((view) => void push(PUSH_CONTRACT.onUpdateChanged.channel, view));
    const started = core.start();
    await currentPage.goto(url);
    await started;
  }

  async function shut(): Promise<void> {
    updates.policy.dispose();
    await core.dispose();
    await context.close();
  }

  await open();
  return {
    get page() {
      return page;
    },
    logLines,
    simulate: {
      async offerUpdate(version) {
        updates.updater.feedVersion = version;
        await updates.policy.checkNow();
      },
      updateRestarts: () => updates.updater.restarts,
      showDiagnosticsFromMenu: () => push(PUSH_CONTRACT.onShowDiagnostics.channel),
    },
    readClipboard: () => Promise.resolve(clipboard.text),
    async deliverDeepLink(link) {
      // As on Windows and Linux: the URL reaches the app among other command-line arguments.
      const found = findCallbackUrlInArgv(['/opt/PromptGrimoire/promptgrimoire', '--no-sandbox', link]);
      await core.handleDeepLink(found ?? link);
    },
    async restart() {
      await shut();
      await open();
    },
    async advanceClock(ms) {
      clockOffsetMs += ms;
      await page.clock.fastForward(ms);
    },
    async close() {
      await shut();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
