// The relay under load, as an organisation runs it: two instances on one Redis (a real
// redis-server on loopback) in front of one emulator, each driven by autocannon with
// `magic-links/authenticate` calls on fresh tokens (every token is redeemed exactly once, so
// every answer is a real sign-in). Limits are raised so the run measures throughput, not
// refusals; every other check stays on. Figures are printed, never asserted.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { EMULATOR_DEFAULTS } from '../../emulator/index';
import { stytchClientFor } from '../../test/fixtures/stytch-client';
import { startRedisServer, type RunningRedis } from '../../test/fixtures/redis-server';
import { startChild, startEmulatorChild, type Child } from './child-process';

export interface RelayLoadOptions {
  /** Sign-ins measured, split between the two instances. */
  requests?: number;
  /** Concurrent connections per instance. */
  connections?: number;
}

export interface RelayLoadResult {
  requests: number;
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  /** The worse of the two instances' 99th percentiles. */
  p99Ms: number;
  /** Connection errors, timeouts and non-2xx answers together. */
  errors: number;
}

const WARMUP_PER_INSTANCE = 100;

async function startRelays(workDir: string, emulatorUrl: string, redisUrl: string): Promise<Child[]> {
  const env = {
    RELAY_STYTCH_PROJECT_ID: EMULATOR_DEFAULTS.projectId,
    RELAY_STYTCH_SECRET: EMULATOR_DEFAULTS.secret,
    RELAY_STYTCH_API_URL: emulatorUrl,
    RELAY_PORT: '0',
    RELAY_REDIS_URL: redisUrl,
    // One load generator is one client: lift the limits, keep every check.
    RELAY_RATE_LIMIT_IP_PER_MINUTE: '1000000',
    RELAY_RATE_LIMIT_EMAIL_PER_HOUR: '1000000',
    RELAY_RATE_LIMIT_EMAIL_OVERALL_PER_HOUR: '1000000',
    RELAY_RATE_LIMIT_USER_PER_MINUTE: '1000000',
  };
  return Promise.all(
    ['a', 'b'].map((name) => startChild('relay/cli.ts', [], env, 'Relay listening on ', join(workDir, `relay-${name}.log`))),
  );
}

/** Fresh magic-link tokens for one user, minted through the emulator's Stytch API. */
async function mintTokens(emulatorUrl: string, count: number): Promise<string[]> {
  const client = stytchClientFor({ url: emulatorUrl, projectId: EMULATOR_DEFAULTS.projectId, secret: EMULATOR_DEFAULTS.secret });
  const { user_id } = await client.magicLinks.email.loginOrCreate({ email: 'load@example.com' });
  const tokens: string[] = [];
  while (tokens.length < count) {
    const batch = Math.min(50, count - tokens.length);
    const minted = await Promise.all(Array.from({ length: batch }, () => client.magicLinks.create({ user_id, expiration_minutes: 60 })));
    tokens.push(...minted.map((link) => link.token));
  }
  return tokens;
}

function drive(url: string, tokens: string[], connections: number): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}/v1/magic-links/authenticate`,
    method: 'POST',
    connections,
    amount: tokens.length,
    timeout: 30,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ token: tokens.pop() ?? '' }) }) }],
  });
}

const failures = (result: autocannon.Result): number => result.errors + result.timeouts + result.non2xx;

export async function runRelayLoad(options: RelayLoadOptions = {}): Promise<RelayLoadResult> {
  const requests = options.requests ?? Number(process.env['BENCH_RELAY_LOAD_REQUESTS'] ?? 3000);
  const connections = options.connections ?? 16;
  const perInstance = Math.ceil(requests / 2);
  const workDir = await mkdtemp(join(tmpdir(), 'relay-load-'));
  const children: Child[] = [];
  let redis: RunningRedis | undefined;
  try {
    redis = await startRedisServer();
    const emulator = await startEmulatorChild(workDir);
    children.push(emulator);
    const relays = await startRelays(workDir, emulator.url, redis.url);
    children.push(...relays);
    const [a, b] = relays as [Child, Child];

    const warm = await mintTokens(emulator.url, 2 * WARMUP_PER_INSTANCE);
    await Promise.all([drive(a.url, warm.slice(0, WARMUP_PER_INSTANCE), 4), drive(b.url, warm.slice(WARMUP_PER_INSTANCE), 4)]);

    const tokens = await mintTokens(emulator.url, 2 * perInstance);
    const started = performance.now();
    const [resultA, resultB] = await Promise.all([
      drive(a.url, tokens.slice(0, perInstance), connections),
      drive(b.url, tokens.slice(perInstance), connections),
    ]);
    const seconds = (performance.now() - started) / 1000;
    const total = resultA.requests.total + resultB.requests.total;
    return {
      requests: total,
      connections: 2 * connections,
      seconds,
      requestsPerSecond: total / seconds,
      p99Ms: Math.max(resultA.latency.p99, resultB.latency.p99),
      errors: failures(resultA) + failures(resultB),
    };
  } finally {
    for (const child of children.reverse()) await child.stop();
    await redis?.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

export function printRelayLoad(result: RelayLoadResult): void {
  console.log('Relay under load: two instances on one Redis, magic-links/authenticate on fresh tokens (autocannon)');
  console.log(`  requests:   ${result.requests} over ${result.connections} connections in ${result.seconds.toFixed(1)} s`);
  console.log(`  sustained:  ${result.requestsPerSecond.toFixed(0)} requests/s`);
  console.log(`  latency:    p99 ${result.p99Ms.toFixed(1)} ms`);
  console.log(`  errors:     ${result.errors}${result.errors === 0 ? '' : '  (connection errors, timeouts and non-2xx answers)'}`);
}
