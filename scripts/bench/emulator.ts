// `npm run bench:emulator`: magic-link authenticate throughput and latency through the real
// stytch SDK. The emulator runs in a child process (its own event loop and thread pool) so the
// client's work does not queue behind the server's. Tokens are prepared first; only the
// authenticate calls, each minting a session and a signed JWT, are timed.
// Figures are printed, never asserted: they depend on the machine.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import type { Client } from 'stytch';
import { EMULATOR_DEFAULTS } from '../../emulator/index';
import { stytchClientFor } from '../../test/fixtures/stytch-client';
import { percentile } from './stats';

const TOTAL = Number(process.env['BENCH_AUTHENTICATES'] ?? 12_000);
const WARMUP = Math.min(1_000, Math.floor(TOTAL / 10));
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 8);
/** BENCH_SESSION=0 times authenticate without a session, to see what JWT minting costs. */
const WITH_SESSION = process.env['BENCH_SESSION'] !== '0';
const TARGET_RPS = 1_500;
const TARGET_P99_MS = 20;

/** CPU milliseconds a process has used (Linux /proc; undefined elsewhere). */
function processCpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${String(pid)}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

export async function startChild(dataDir: string): Promise<{ url: string; cpuMs: () => number | undefined; stop: () => Promise<void> }> {
  // node --import tsx keeps the emulator in this one child process, so its CPU time can be read.
  // Every token is minted before the timed loop, more than the emulator keeps by default.
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--data-dir', dataDir, '--max-tokens', String(TOTAL)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`emulator exited with ${String(code)}`)));
  });
  lines.close();
  child.stdout.resume();
  const url = first.replace('Stytch emulator listening on ', '');
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGINT');
    });
  return { url, cpuMs: () => processCpuMs(child.pid), stop };
}

/** The SDK client the benchmark drives, with the emulator's development credentials. */
export function benchClient(url: string): Client {
  return stytchClientFor({ url, projectId: EMULATOR_DEFAULTS.projectId, secret: EMULATOR_DEFAULTS.secret });
}

/** The benchmark's users: tokens are spread over these. */
export async function benchUsers(client: Client, count = 50): Promise<string[]> {
  const users: string[] = [];
  for (let i = 0; i < count; i += 1) users.push((await client.magicLinks.email.loginOrCreate({ email: `bench-${i}@example.com` })).user_id);
  return users;
}

/** One timed unit of load: magicLinks.authenticate, minting a session and JWT unless BENCH_SESSION=0. False on failure. */
export async function authenticateOnce(client: Client, token: string): Promise<boolean> {
  try {
    await client.magicLinks.authenticate({ token, ...(WITH_SESSION && { session_duration_minutes: 60 }) });
    return true;
  } catch {
    return false;
  }
}

/** The load shape: `concurrency` workers take call numbers 0, 1, 2… while `more(i)` holds. */
export async function runWorkers(concurrency: number, more: (i: number) => boolean, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (more(next)) await work(next++);
    }),
  );
}

export { CONCURRENCY as BENCH_CONCURRENCY };

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'emulator-bench-'));
  const emulator = await startChild(dataDir);
  try {
    const client = benchClient(emulator.url);

    // Preparation (untimed): a few users, then embeddable tokens spread over them.
    const users = await benchUsers(client);
    const tokens: string[] = [];
    await runWorkers(CONCURRENCY, (i) => i < TOTAL, async (i) => {
      tokens[i] = (await client.magicLinks.create({ user_id: users[i % users.length] ?? '' })).token;
    });

    console.log(
      WITH_SESSION
        ? 'Stytch emulator benchmark: magicLinks.authenticate with session_duration_minutes (session + RS256 JWT each)'
        : 'Stytch emulator benchmark: magicLinks.authenticate WITHOUT a session (no JWT; diagnostic run)',
    );
    console.log(`  ${TOTAL} calls, ${CONCURRENCY} concurrent, first ${WARMUP} are warm-up; emulator in a child process`);
    // Shared machines skew everything: print how busy this one was when the run started.
    console.log(`  machine:    ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    let clientCpu = process.cpuUsage();
    let serverCpuStart: number | undefined;
    const latencies: number[] = [];
    let measuredStart = 0;
    let failures = 0;
    await runWorkers(CONCURRENCY, (i) => i < TOTAL, async (i) => {
      if (i === WARMUP) {
        measuredStart = performance.now();
        clientCpu = process.cpuUsage();
        serverCpuStart = emulator.cpuMs();
      }
      const started = performance.now();
      if (!(await authenticateOnce(client, tokens[i] ?? ''))) failures += 1;
      if (i >= WARMUP) latencies.push(performance.now() - started);
    });
    const elapsedS = (performance.now() - measuredStart) / 1000;
    const cpu = process.cpuUsage(clientCpu);
    const serverCpuEnd = emulator.cpuMs();
    latencies.sort((a, b) => a - b);
    const rps = latencies.length / elapsedS;
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    const mark = (ok: boolean) => (ok ? 'meets target' : 'BELOW target');
    console.log(`  throughput: ${rps.toFixed(0)} authenticates/s   (target ≥ ${TARGET_RPS}: ${mark(rps >= TARGET_RPS)})`);
    console.log(`  latency:    p50 ${p50.toFixed(2)} ms   p99 ${p99.toFixed(2)} ms   max ${(latencies.at(-1) ?? NaN).toFixed(2)} ms   (target p99 ≤ ${TARGET_P99_MS} ms: ${mark(p99 <= TARGET_P99_MS)})`);
    const clientPerCall = (cpu.user + cpu.system) / 1000 / latencies.length;
    console.log(`  CPU/call:   client (SDK) ${clientPerCall.toFixed(3)} ms`);
    if (serverCpuStart !== undefined && serverCpuEnd !== undefined) {
      const serverPerCall = (serverCpuEnd - serverCpuStart) / latencies.length;
      const ceiling = (cpus().length * 1000) / (serverPerCall + clientPerCall);
      console.log(`              emulator ${serverPerCall.toFixed(3)} ms (RS256 signing included)`);
      console.log(`  ceiling:    ≈ ${ceiling.toFixed(0)} authenticates/s if this machine's ${cpus().length} cores were free for the benchmark alone`);
    }
    console.log(`  failures:   ${failures}`);
    if (failures > 0) process.exitCode = 1;
  } finally {
    await emulator.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

// Imported by the soak (scripts/bench/soak.ts) for its load; run only as a script.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
