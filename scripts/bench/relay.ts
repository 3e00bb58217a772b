// `npm run bench:relay`: what relay mode costs a person clicking a link. The same core goes
// from deep link to signed in, once with the SDK talking to the emulator directly (direct
// mode) and once through createRelayGateway → relay → SDK → emulator, alternating in the same
// run so machine load hits both alike. The emulator and the relay each run in their own
// process, as they would in production. Sending the link and signing out are untimed. The
// relay's added time (relay − direct) is set against the floor any extra hop costs: one bare
// loopback HTTP round trip, measured in the same run. Then a load run (relay-load.ts).
// Figures are printed, never asserted: they depend on the machine.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Agent, request } from 'undici';
import { EMULATOR_DEFAULTS } from '../../emulator/index';
import { createAppCore, type AppCoreWithIdle } from '../../main/app-core';
import { loadConfig, type AppConfig } from '../../main/config';
import { createLogger } from '../../common/log/logger';
import { createRelayGateway } from '../../main/relay/relay-gateway';
import { createAesGcmCipher } from '../../test/fixtures/aes-gcm-cipher';
import { createConfStore } from '../../test/fixtures/conf-store';
import { startChild, startEmulatorChild, type Child } from './child-process';
import { printRelayLoad, runRelayLoad } from './relay-load';
import { percentile } from './stats';

/** The relay's added time per sign-in may cost at most this many bare loopback round trips. */
export const ADDED_TIME_TARGET = 2;

export interface RelayBenchOptions {
  /** Timed sign-ins per mode. */
  iterations?: number;
  /** Untimed sign-ins per mode first (JIT, connection pools, JWKS). */
  warmup?: number;
}

export interface RelayBenchResult {
  iterations: number;
  direct: { medianMs: number; p90Ms: number };
  relay: { medianMs: number; p90Ms: number };
  /** relay median / direct median. */
  ratio: number;
  /** relay median − direct median: what the relay adds to one sign-in. */
  addedMs: number;
  /** One bare loopback HTTP round trip to another process that only answers: the floor for any hop. */
  floorMs: number;
  /** addedMs / floorMs. */
  addedRatio: number;
  /** One HTTP round trip to the relay itself (GET /healthz). */
  hopMedianMs: number;
  /** What a pass-through server (receive, call upstream, answer; nothing else) adds to one authenticate. */
  passThroughAddedMs: number;
}

async function latestToken(emulatorUrl: string, email: string): Promise<string> {
  const response = await fetch(`${emulatorUrl}/__emulator/outbox?email=${encodeURIComponent(email)}`);
  const messages = (await response.json()) as { token?: string }[];
  const token = messages[0]?.token;
  if (!token) throw new Error(`no link in the outbox for ${email}`);
  return token;
}

/** One untimed send, one timed deep link → signed in, one untimed sign-out. */
async function signInOnce(core: AppCoreWithIdle, emulatorUrl: string, email: string): Promise<number> {
  const sent = await core.sendLink(email);
  if (sent.status !== 'link-sent') throw new Error(`send failed: ${JSON.stringify(sent.notice)}`);
  const token = await latestToken(emulatorUrl, email);
  const deepLink = `promptgrimoire://auth/callback?stytch_token_type=magic_links&token=${encodeURIComponent(token)}`;
  const started = performance.now();
  await core.handleDeepLink(deepLink);
  const elapsed = performance.now() - started;
  const view = core.view();
  if (view.status !== 'signed-in') throw new Error(`sign-in failed: ${JSON.stringify(view.notice)}`);
  await core.idle();
  await core.signOut();
  await core.idle();
  return elapsed;
}

/** Round trips to `url` over one keep-alive connection, as the gateway's pool would make them. */
async function timeHops(url: string, count: number): Promise<number[]> {
  const agent = new Agent();
  try {
    const times: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const started = performance.now();
      await (await request(url, { dispatcher: agent })).body.text();
      times.push(performance.now() - started);
    }
    return times;
  } finally {
    await agent.close();
  }
}

const basicAuth = `Basic ${Buffer.from(`${EMULATOR_DEFAULTS.projectId}:${EMULATOR_DEFAULTS.secret}`).toString('base64')}`;

/** A fresh emailed link's token, sent untimed through the emulator's own API. */
async function freshToken(emulatorUrl: string, agent: Agent, email: string): Promise<string> {
  const sent = await request(`${emulatorUrl}/v1/magic_links/email/login_or_create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: basicAuth },
    body: JSON.stringify({ email }),
    dispatcher: agent,
  });
  await sent.body.text();
  return latestToken(emulatorUrl, email);
}

/**
 * Stytch's authenticate (with a session, as sign-in asks) on fresh links: straight to the
 * emulator, and through a pass-through server, alternating. Their difference is what the
 * least possible relay adds: one more process receiving, calling upstream and answering.
 */
async function timePassThrough(emulatorUrl: string, passThroughUrl: string, count: number): Promise<{ direct: number[]; passThrough: number[] }> {
  const agent = new Agent();
  const times = { direct: [] as number[], passThrough: [] as number[] };
  try {
    for (let i = 0; i < count + 20; i += 1) {
      for (const [mode, base] of (i % 2 === 0 ? [['direct', emulatorUrl], ['passThrough', passThroughUrl]] : [['passThrough', passThroughUrl], ['direct', emulatorUrl]]) as [keyof typeof times, string][]) {
        const token = await freshToken(emulatorUrl, agent, `pass-${mode}@example.com`);
        const started = performance.now();
        const answer = await request(`${base}/v1/magic_links/authenticate`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: basicAuth },
          body: JSON.stringify({ token, session_duration_minutes: 60 }),
          dispatcher: agent,
        });
        await answer.body.text();
        if (answer.statusCode !== 200) throw new Error(`authenticate answered ${answer.statusCode}`);
        // The first 20 of each warm up pools and JIT, untimed.
        if (i >= 20) times[mode].push(performance.now() - started);
      }
    }
    return times;
  } finally {
    await agent.close();
  }
}

export async function runRelayBench(options: RelayBenchOptions = {}): Promise<RelayBenchResult> {
  const iterations = options.iterations ?? 200;
  const warmup = options.warmup ?? 20;
  const workDir = await mkdtemp(join(tmpdir(), 'relay-bench-'));
  const children: Child[] = [];
  const cores: AppCoreWithIdle[] = [];
  try {
    const emulator = await startEmulatorChild(workDir);
    children.push(emulator);
    const relay = await startChild(
      'relay/cli.ts',
      [],
      {
        RELAY_STYTCH_PROJECT_ID: EMULATOR_DEFAULTS.projectId,
        RELAY_STYTCH_SECRET: EMULATOR_DEFAULTS.secret,
        RELAY_STYTCH_API_URL: emulator.url,
        RELAY_PORT: '0',
        // One benchmark is one client sending many links: lift the limits, keep the checks.
        RELAY_RATE_LIMIT_IP_PER_MINUTE: '100000',
        RELAY_RATE_LIMIT_EMAIL_PER_HOUR: '10000',
        RELAY_RATE_LIMIT_EMAIL_OVERALL_PER_HOUR: '10000',
        RELAY_RATE_LIMIT_USER_PER_MINUTE: '100000',
      },
      'Relay listening on ',
      join(workDir, 'relay.log'),
    );
    children.push(relay);

    const loaded = loadConfig({ STYTCH_PROJECT_ID: EMULATOR_DEFAULTS.projectId, STYTCH_SECRET: EMULATOR_DEFAULTS.secret, STYTCH_API_URL: emulator.url });
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const config: AppConfig = loaded.config;
    const logger = createLogger(() => undefined, { minLevel: 'error' });
    const makeCore = (name: string, relayMode: boolean): AppCoreWithIdle => {
      const core = createAppCore({
        config,
        cipher: createAesGcmCipher(randomBytes(32)),
        store: createConfStore(join(workDir, name)),
        logger,
        ...(relayMode ? { gateway: createRelayGateway({ relayUrl: relay.url, timeoutMs: config.stytchTimeoutMs, logger }) } : {}),
      });
      cores.push(core);
      return core;
    };
    const direct = makeCore('direct', false);
    const viaRelay = makeCore('relay', true);
    await direct.start();
    await viaRelay.start();

    for (let i = 0; i < warmup; i += 1) {
      await signInOnce(direct, emulator.url, 'bench-direct@example.com');
      await signInOnce(viaRelay, emulator.url, 'bench-relay@example.com');
    }
    const times = { direct: [] as number[], relay: [] as number[] };
    for (let i = 0; i < iterations; i += 1) {
      // Alternate which goes first so neither always follows the other's sign-out.
      if (i % 2 === 0) {
        times.direct.push(await signInOnce(direct, emulator.url, 'bench-direct@example.com'));
        times.relay.push(await signInOnce(viaRelay, emulator.url, 'bench-relay@example.com'));
      } else {
        times.relay.push(await signInOnce(viaRelay, emulator.url, 'bench-relay@example.com'));
        times.direct.push(await signInOnce(direct, emulator.url, 'bench-direct@example.com'));
      }
    }
    const summary = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return { medianMs: percentile(sorted, 50), p90Ms: percentile(sorted, 90) };
    };
    const directSummary = summary(times.direct);
    const relaySummary = summary(times.relay);
    const hops = await timeHops(`${relay.url}/healthz`, iterations);
    const bare = await startChild('scripts/bench/bare-server.ts', [], {}, 'Bare server listening on ', join(workDir, 'bare.log'));
    children.push(bare);
    const floorMs = summary(await timeHops(`${bare.url}/`, iterations)).medianMs;
    const addedMs = relaySummary.medianMs - directSummary.medianMs;
    const passThrough = await startChild('scripts/bench/pass-through.ts', [], { PASS_THROUGH_UPSTREAM: emulator.url }, 'Pass-through listening on ', join(workDir, 'pass.log'));
    children.push(passThrough);
    const passTimes = await timePassThrough(emulator.url, passThrough.url, iterations);
    const passThroughAddedMs = summary(passTimes.passThrough).medianMs - summary(passTimes.direct).medianMs;
    return {
      iterations,
      direct: directSummary,
      relay: relaySummary,
      ratio: relaySummary.medianMs / directSummary.medianMs,
      addedMs,
      floorMs,
      addedRatio: addedMs / floorMs,
      hopMedianMs: summary(hops).medianMs,
      passThroughAddedMs,
    };
  } finally {
    for (const core of cores) await core.dispose();
    for (const child of children.reverse()) await child.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const iterations = Number(process.env['BENCH_RELAY_ITERATIONS'] ?? 200);
  console.log('Relay benchmark: deep link → signed in, direct SDK vs relay gateway (same run, alternating)');
  console.log(`  machine:    ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const result = await runRelayBench({ iterations });
  const mark = result.addedRatio <= ADDED_TIME_TARGET ? 'meets target' : 'ABOVE target';
  console.log(`  iterations: ${result.iterations} per mode (after warm-up)`);
  console.log(`  direct:     median ${result.direct.medianMs.toFixed(2)} ms   p90 ${result.direct.p90Ms.toFixed(2)} ms`);
  console.log(`  relay:      median ${result.relay.medianMs.toFixed(2)} ms   p90 ${result.relay.p90Ms.toFixed(2)} ms   (${result.ratio.toFixed(2)}× direct)`);
  console.log(`  floor:      one bare loopback HTTP round trip, median ${result.floorMs.toFixed(3)} ms`);
  console.log(`  relay hop:  one round trip to the relay's /healthz, median ${result.hopMedianMs.toFixed(3)} ms`);
  console.log(
    `  added:      ${result.addedMs.toFixed(2)} ms per sign-in = ${result.addedRatio.toFixed(2)}× the floor ` +
      `(target ≤ ${ADDED_TIME_TARGET}×: ${mark})`,
  );
  console.log(
    `  pass-through: a server that only forwards adds ${result.passThroughAddedMs.toFixed(2)} ms to one authenticate = ` +
      `${(result.passThroughAddedMs / result.floorMs).toFixed(2)}× the floor: the least any relay adds; the relay adds ` +
      `${(result.addedMs / result.passThroughAddedMs).toFixed(2)}× that`,
  );
  printRelayLoad(await runRelayLoad());
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
