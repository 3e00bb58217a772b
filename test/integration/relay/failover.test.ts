// Two relay processes behind a small round-robin proxy, on one Redis and one emulator. One
// is killed (SIGKILL: no goodbye) in the middle of a run of sign-ins: the proxy retries each
// request that could not reach it on the other instance, and every sign-in completes.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/index';
import { createPkcePair } from '../../../main/auth/pkce';
import { startRedisServer, type RunningRedis } from '../../fixtures/redis-server';

let emulator: RunningEmulator;
let redis: RunningRedis;
const children: ChildProcess[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  redis = await startRedisServer();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await redis.stop();
  await emulator.close();
});

/**
 * The relay's CLI as one child process (node with tsx's loader, not the tsx launcher, which
 * would leave the relay running in a grandchild when killed); resolves once it is listening.
 */
function startRelayProcess(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'relay/cli.ts'], {
    env: {
      ...process.env,
      RELAY_STYTCH_PROJECT_ID: emulator.projectId,
      RELAY_STYTCH_SECRET: emulator.secret,
      RELAY_STYTCH_API_URL: emulator.url,
      RELAY_PORT: '0',
      RELAY_REDIS_URL: redis.url,
      RELAY_RATE_LIMIT_IP_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (line.startsWith('Relay listening on ')) resolve({ url: line.slice('Relay listening on '.length).trim(), child });
    });
    child.once('exit', (code) => reject(new Error(`relay exited (${String(code)}) before listening`)));
  });
}

/** Round robin over `targets`; a request that cannot reach one is sent to the next. */
function startProxy(targets: string[]): Promise<{ url: string; retries: () => number; server: Server }> {
  let next = 0;
  let retries = 0;
  const forward = (req: IncomingMessage, body: Buffer, target: string): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const upstream = httpRequest(`${target}${req.url ?? '/'}`, { method: req.method, headers: req.headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      upstream.on('error', reject);
      upstream.end(body);
    });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const first = next++ % targets.length;
        for (let offset = 0; offset < targets.length; offset += 1) {
          try {
            const answer = await forward(req, Buffer.concat(chunks), targets[(first + offset) % targets.length] ?? '');
            res.writeHead(answer.status, answer.headers).end(answer.body);
            return;
          } catch {
            retries += 1;
          }
        }
        res.writeHead(502).end();
      })();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, retries: () => retries, server });
    });
  });
}

async function post(url: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('relay: failover between instances', () => {
  it('loses no sign-in when one instance is killed mid-run', async () => {
    const [a, b] = await Promise.all([startRelayProcess(), startRelayProcess()]);
    const proxy = await startProxy([a.url, b.url]);
    const signedIn: string[] = [];
    try {
      for (let i = 0; i < 8; i += 1) {
        if (i === 3) {
          const gone = new Promise((done) => a.child.once('exit', done));
          a.child.kill('SIGKILL');
          await gone;
        }
        const email = `failover-${i}@example.com`;
        const pkce = createPkcePair();
        expect((await post(`${proxy.url}/v1/magic-links/send`, { email, code_challenge: pkce.challenge })).status).toBe(200);
        const token = emulator.latestMessage(email)?.token ?? '';
        const authed = await post(`${proxy.url}/v1/magic-links/authenticate`, { token, code_verifier: pkce.verifier });
        expect(authed.status).toBe(200);
        signedIn.push(String((authed.body['user'] as { email?: string }).email));
      }
    } finally {
      await new Promise((done) => proxy.server.close(done));
    }
    expect(signedIn).toEqual(Array.from({ length: 8 }, (_, i) => `failover-${i}@example.com`));
    // The dead instance was tried and the request retried on the live one.
    expect(proxy.retries()).toBeGreaterThan(0);
  }, 60_000);
});
