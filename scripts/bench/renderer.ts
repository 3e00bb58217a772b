// Renderer benchmark: how much JavaScript the page ships, and how fast the sign-in form
// becomes usable. It builds nothing: it measures out/renderer as `electron-vite build`
// left it. It prints figures against targets and asserts nothing.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { writeReactFloorPage } from './react-floor';
import { median } from './stats';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const RENDERER_OUT = join(ROOT, 'out', 'renderer');
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export const JS_GZIP_TARGET_BYTES = 80 * 1024;
export const INTERACTIVE_TARGET_MS = 150;
const RUNS = 15;
const READY_MESSAGE = 'renderer-bench: sign-in ready';
const FLOOR_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title></head>' +
  '<body><label for="email">Email</label><input id="email" type="email"></body></html>';

export interface RendererBenchResult {
  jsGzipBytes: number;
  cssGzipBytes: number;
  /** Median ms from navigation start until the "Email" input is visible and enabled. */
  interactiveMedianMs: number;
  interactiveRunsMs: number[];
  /** Median ms from navigation start until the page's script had run (DOMContentLoaded). */
  scriptsDoneMedianMs: number;
  /** The same measure for React 19 alone rendering just the input (see react-floor.ts). */
  reactFloorMedianMs: number;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? listFiles(path) : Promise.resolve([path]);
    }),
  );
  return nested.flat();
}

async function gzipSizes(dir: string): Promise<{ js: number; css: number }> {
  const sizes = { js: 0, css: 0 };
  for (const file of await listFiles(dir)) {
    const kind = extname(file) === '.js' ? 'js' : extname(file) === '.css' ? 'css' : null;
    if (!kind) continue;
    sizes[kind] += gzipSync(await readFile(file), { level: 9 }).length;
  }
  return sizes;
}

/** A loopback static server for out/renderer; it refuses paths that leave that folder. */
async function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = resolve(dir, `.${pathname === '/' ? '/index.html' : pathname}`);
    if (file !== dir && !file.startsWith(dir + sep)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
        response.end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/` };
}

// Runs in the page before its own scripts. The stand-in bridge answers getView with a
// signed-out view, so the figure measures the page alone, not the main process; that is
// acceptable inside a benchmark and is never shipped with the app. Each answer arrives as
// a task of its own, as an IPC reply does, never within the caller's own task. A
// MutationObserver notes the first moment the "Email" input exists, has a box and is
// enabled; performance.now() counts from navigation start. It then says so on the console,
// so the bench learns it without running any script of its own in the page while it loads.
// Kept as source text: a function passed to addInitScript would be serialised after
// tsx's transform, which adds helpers that do not exist in the page.
const PAGE_PROBE = `
(() => {
  const view = {
    status: 'signed-out', email: null, name: null, expiresAt: null, linkExpiresAt: null,
    resendAvailableAt: null, pendingEmail: null, persistence: 'encrypted', offline: false,
    features: { signUpPolicy: 'open', invitesEnabled: false }, notice: null,
  };
  const answer = () => new Promise((resolve) => setTimeout(() => resolve({ ok: true, value: view }), 0));
  Object.defineProperty(window, 'grimoire', {
    value: {
      getView: answer, sendLink: answer, resend: answer, submitLink: answer,
      startOver: answer, dismissNotice: answer, signOut: answer,
      onViewChanged: () => () => undefined,
    },
  });
  const check = () => {
    if (window.signInReadyAt !== undefined) return;
    const label = Array.from(document.querySelectorAll('label')).find((l) => l.textContent === 'Email');
    const input = label && label.control;
    if (!(input instanceof HTMLInputElement) || input.disabled) return;
    const box = input.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || getComputedStyle(input).visibility === 'hidden') return;
    window.signInReadyAt = performance.now();
    observer.disconnect();
    console.debug(${JSON.stringify(READY_MESSAGE)});
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();
`;

interface Timing {
  interactive: number;
  scriptsDone: number;
}

async function timeInteractive(url: string, runs: number): Promise<Timing[]> {
  const browser = await chromium.launch({
    executablePath: existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const times: Timing[] = [];
    // One warm-up load, not counted: the first launch pays for the browser's own start-up.
    for (let run = -1; run < runs; run += 1) {
      // A fresh context each run: no HTTP cache, as on an app's first window.
      const context = await browser.newContext();
      const page = await context.newPage();
      page.on('pageerror', (error) => console.log(`renderer bench: page error: ${error.message}`));
      await page.addInitScript({ content: PAGE_PROBE });
      // Not page.waitForFunction: it injects Playwright's own script into the page and polls
      // there, which costs the page's main thread tens of milliseconds in the very window
      // being measured; the app never runs it. The console message costs next to nothing.
      await Promise.all([
        page.waitForEvent('console', { predicate: (message) => message.text() === READY_MESSAGE, timeout: 10_000 }),
        page.goto(url),
      ]);
      const interactive = await page.evaluate(() => (window as unknown as { signInReadyAt: number }).signInReadyAt);
      // Module scripts run before DOMContentLoaded: this splits download + evaluation of the
      // bundle from React's first renders.
      await page.waitForLoadState('domcontentloaded');
      const scriptsDone = await page.evaluate(
        () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
      );
      if (run >= 0) times.push({ interactive, scriptsDone });
      await context.close();
    }
    return times;
  } finally {
    await browser.close();
  }
}

/** Measures out/renderer; returns null (after saying why) when there is nothing to measure. */
export async function runRendererBench(): Promise<RendererBenchResult | null> {
  if (!existsSync(join(RENDERER_OUT, 'index.html'))) {
    console.log(
      `renderer bench: ${relative(ROOT, RENDERER_OUT)}/index.html not found. ` +
        'Build first with `npx electron-vite build`; this bench does not build.',
    );
    return null;
  }
  const sizes = await gzipSizes(RENDERER_OUT);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const verdict = (ok: boolean) => (ok ? 'within target' : 'OVER target');
  console.log(
    `renderer JS gzip:  ${kb(sizes.js)} (target ≤ ${kb(JS_GZIP_TARGET_BYTES)}: ${verdict(sizes.js <= JS_GZIP_TARGET_BYTES)})`,
  );
  console.log(`renderer CSS gzip: ${kb(sizes.css)}`);

  const { server, url } = await serve(RENDERER_OUT);
  // The floor this browser and machine allow: a static page with the same labelled input and
  // no script at all, timed the same way in the same run.
  const floorDir = await mkdtemp(join(tmpdir(), 'renderer-floor-'));
  await writeFile(join(floorDir, 'index.html'), FLOOR_PAGE);
  const floor = await serve(floorDir);
  const reactFloorDir = await mkdtemp(join(tmpdir(), 'renderer-react-floor-'));
  await writeReactFloorPage(reactFloorDir, ROOT);
  const reactFloor = await serve(reactFloorDir);
  try {
    // A loaded machine slows every figure below; say so next to them.
    const [load] = loadavg();
    const timings = await timeInteractive(url, RUNS);
    const floorMedian = median((await timeInteractive(floor.url, RUNS)).map((timing) => timing.interactive));
    const reactFloorMedian = median((await timeInteractive(reactFloor.url, RUNS)).map((timing) => timing.interactive));
    const runs = timings.map((timing) => timing.interactive);
    const mid = median(runs);
    const scriptsDone = median(timings.map((timing) => timing.scriptsDone));
    console.log(
      `sign-in screen interactive: median ${mid.toFixed(1)} ms over ${runs.length} runs ` +
        `(min ${Math.min(...runs).toFixed(1)}, max ${Math.max(...runs).toFixed(1)}; ` +
        `target ≤ ${INTERACTIVE_TARGET_MS} ms: ${verdict(mid <= INTERACTIVE_TARGET_MS)})`,
    );
    console.log(
      `  static page with the same input, same browser (the floor): median ${floorMedian.toFixed(1)} ms; ` +
        `ratio ${(mid / floorMedian).toFixed(2)}`,
    );
    console.log(
      `  React 19 alone rendering that input, bundled like the app (React's floor): median ${reactFloorMedian.toFixed(1)} ms; ` +
        `ratio ${(mid / reactFloorMedian).toFixed(2)}`,
    );
    console.log(
      `  of which bundle fetched and evaluated by: median ${scriptsDone.toFixed(1)} ms; ` +
        `machine load average ${(load ?? 0).toFixed(1)} on ${availableParallelism()} cores`,
    );
    return {
      jsGzipBytes: sizes.js,
      cssGzipBytes: sizes.css,
      interactiveMedianMs: mid,
      interactiveRunsMs: runs,
      scriptsDoneMedianMs: scriptsDone,
      reactFloorMedianMs: reactFloorMedian,
    };
  } finally {
    server.close();
    floor.server.close();
    reactFloor.server.close();
    await rm(floorDir, { recursive: true, force: true });
    await rm(reactFloorDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  runRendererBench().catch((error: unknown) => {
    console.error('renderer bench failed:', error);
    process.exitCode = 1;
  });
}
