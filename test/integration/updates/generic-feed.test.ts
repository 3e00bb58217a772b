// A real generic feed on loopback, read by electron-updater's own Linux updater (its feed
// parsing, version comparison, staged rollout, download and sha512 check) through our
// adapter and the update policy. electron-updater loads in plain Node; only two things reach
// into electron, and the test replaces just those: its HTTP executor opens each request with
// electron's net module (here: Node's http.request, the rest of the executor is its own),
// and its AppAdapter reads electron's app (here: an object naming temp folders).
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppImageUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../common/log/logger';
import { createElectronUpdater } from '../../../main/electron/updater';
import { createUpdatePolicy } from '../../../main/updates/update-policy';

const INSTALLER = 'PromptGrimoire-1.1.0-linux-x86_64.AppImage';
// Fixed bytes: the test computes the sum the feed publishes, as electron-builder would.
const BODY = Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 31 + 7) % 251));
const sha512 = (bytes: Buffer): string => createHash('sha512').update(bytes).digest('base64');

let root: string;
let server: Server;
let feedUrl: string;
const served: string[] = [];
let files: Record<string, string | Buffer> = {};

function feedYml(version: string, options: { sha?: string; staging?: number } = {}): string {
  const sum = options.sha ?? sha512(BODY);
  return [
    `version: ${version}`,
    'files:',
    `  - url: ${INSTALLER}`,
    `    sha512: ${sum}`,
    `    size: ${BODY.length}`,
    `path: ${INSTALLER}`,
    `sha512: ${sum}`,
    "releaseDate: '2026-03-01T09:00:00.000Z'",
    ...(options.staging === undefined ? [] : [`stagingPercentage: ${options.staging}`]),
    '',
  ].join('\n');
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pg-feed-'));
  server = createServer((request, response) => {
    const name = new URL(request.url ?? '/', 'http://x').pathname.replace(/^\/feed\//, '');
    served.push(name);
    const body = files[name];
    if (body === undefined) response.writeHead(404).end();
    else response.writeHead(200, { 'content-length': Buffer.byteLength(body) }).end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed`;
});

afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  rmSync(root, { recursive: true, force: true });
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(root, 'run-'));
  served.length = 0;
  files = { [INSTALLER]: BODY };
  // The running AppImage, which the Linux updater replaces on install.
  writeFileSync(join(dir, 'old.AppImage'), 'old');
  vi.stubEnv('APPIMAGE', join(dir, 'old.AppImage'));
});
afterEach(() => {
  vi.unstubAllEnvs();
});

function realUpdater(version = '1.0.0') {
  mkdirSync(join(dir, 'user-data'), { recursive: true });
  // A fixed staging id (electron-updater would make a random one): rollouts are deterministic.
  writeFileSync(join(dir, 'user-data', '.updaterId'), '5f0b7b59-9c1a-4bde-8e8f-4c1b8c7e2a10');
  writeFileSync(join(dir, 'app-update.yml'), 'provider: generic\nurl: https://wrong.example.org/not-this-one\nupdaterCacheDirName: promptgrimoire-updater\n');
  const app: AppAdapter = {
    version,
    name: 'PromptGrimoire',
    isPackaged: true,
    appUpdateConfigPath: join(dir, 'app-update.yml'),
    userDataPath: join(dir, 'user-data'),
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: () => undefined,
  };
  const updater = new AppImageUpdater(null, app);
  // electron's net module is not here: the executor's requests open with Node's http instead.
  const executor = new ElectronHttpExecutor();
  (executor as unknown as { createRequest: (o: RequestOptions, cb: (r: IncomingMessage) => void) => ClientRequest }).createRequest = (options, callback) =>
    httpRequest(options, callback);
  (updater as unknown as { httpExecutor: ElectronHttpExecutor }).httpExecutor = executor;
  return updater;
}

function policyOver(updater: AppImageUpdater, mode: 'automatic' | 'notify', channel = 'latest') {
  const lines: string[] = [];
  const logger = createLogger((level, line) => lines.push(`${level} ${line}`));
  const policy = createUpdatePolicy({
    mode,
    channel,
    updater: createElectronUpdater(() => Promise.resolve(updater), { url: feedUrl, channel }, logger),
    gate: { blockedReason: () => null, settled: () => Promise.resolve() },
    clock: { now: () => Date.now() },
    logger,
  });
  return { policy, lines };
}

describe('electron-updater on a generic feed', () => {
  it('finds a newer version on the packaged feed (not app-update.yml), downloads it and checks its sha512', async () => {
    files['latest-linux.yml'] = feedYml('1.1.0');
    const { policy } = policyOver(realUpdater(), 'automatic');
    const view = await policy.checkNow();
    expect(view).toMatchObject({ status: 'ready', version: '1.1.0' });
    expect(served).toEqual(expect.arrayContaining(['latest-linux.yml', INSTALLER]));
    const pending = join(dir, 'cache', 'promptgrimoire-updater', 'pending', INSTALLER);
    expect(sha512(readFileSync(pending))).toBe(sha512(BODY));
    expect(policy.diagnostics().lastCheck).toMatchObject({ result: 'update-available', detail: '1.1.0' });
  });

  it('refuses a download whose sha512 does not match the feed, and installs nothing', async () => {
    files['latest-linux.yml'] = feedYml('1.1.0', { sha: sha512(Buffer.from('something else')) });
    const { policy, lines } = policyOver(realUpdater(), 'automatic');
    const view = await policy.checkNow();
    expect(view).toMatchObject({ status: 'available', notice: { tone: 'warning' } });
    expect(lines.join('\n')).toMatch(/sha512 checksum mismatch/);
    expect(await policy.restart()).toMatchObject({ ok: false, code: 'update-not-ready' });
  });

  it('offers nothing for the same or an older version: no downgrade', async () => {
    for (const version of ['1.0.0', '0.9.0']) {
      files['latest-linux.yml'] = feedYml(version);
      const { policy } = policyOver(realUpdater(), 'automatic');
      expect(await policy.checkNow()).toMatchObject({ status: 'idle', notice: { message: 'PromptGrimoire is up to date.' } });
    }
    expect(served).not.toContain(INSTALLER);
  });

  it('honours a staged rollout: 0% reaches nobody, 100% everybody', async () => {
    files['latest-linux.yml'] = feedYml('1.1.0', { staging: 0 });
    expect((await policyOver(realUpdater(), 'notify').policy.checkNow()).status).toBe('idle');
    files['latest-linux.yml'] = feedYml('1.1.0', { staging: 100 });
    expect((await policyOver(realUpdater(), 'notify').policy.checkNow()).status).toBe('available');
  });

  it('a beta build reads the beta feed file', async () => {
    files['beta-linux.yml'] = feedYml('1.1.0-beta.2');
    const { policy } = policyOver(realUpdater('1.1.0-beta.1'), 'notify', 'beta');
    expect(await policy.checkNow()).toMatchObject({ status: 'available', version: '1.1.0-beta.2' });
    expect(served).toEqual(['beta-linux.yml']);
  });

  it('a feed that is missing or not YAML leaves the app as it was and says the check failed', async () => {
    const { policy } = policyOver(realUpdater(), 'automatic');
    expect(await policy.checkNow()).toMatchObject({ status: 'idle', notice: { tone: 'warning' } });
    files['latest-linux.yml'] = '<html>captive portal</html>';
    expect(await policy.checkNow()).toMatchObject({ status: 'idle', notice: { tone: 'warning' } });
    expect(policy.diagnostics().lastCheck?.result).toBe('failed');
  });
});
