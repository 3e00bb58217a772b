// `npm run bench:soak -- --seconds N` (default 300): the emulator benchmark's load, held for
// N seconds. Each unit mints an embeddable token and authenticates it with a session (an
// RS256 JWT each), with the benchmark's concurrency and worker loop (imported, not copied).
// Printed: requests, errors, throughput, p50/p99 per minute, RSS and heap (after GC) at start
// and end, the heap (after GC) at checkpoints along the run to show whether it levels off, and
// how many records the emulator retains against its caps. The emulator runs in this process
// here, unlike the throughput benchmark, so that its heap is the one measured. Figures are
// printed, not asserted; the short run inside `npm test` (test/integration/hardening/soak.test.ts)
// asserts counts and sizes only.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { pathToFileURL } from 'node:url';
import { startEmulator } from '../../emulator/index';
import type { RetainedCounts, RetentionLimits } from '../../emulator/index';
import { authenticateOnce, BENCH_CONCURRENCY, benchClient, benchUsers, runWorkers } from './emulator';
import { percentile } from './stats';

export interface MemoryFigures {
  rssMb: number;
  heapUsedMb: number;
}

export interface MinuteFigures {
  minute: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
}

export interface SoakResult {
  seconds: number;
  concurrency: number;
  /** HTTP requests that reached the emulator (a create and an authenticate per unit). */
  requests: number;
  authenticates: number;
  errors: number;
  throughput: number;
  minutes: MinuteFigures[];
  start: MemoryFigures;
  end: MemoryFigures;
  heapGrowthMb: number;
  /** Heap after GC at evenly spaced points of the run (the end not included). */
  /** RSS and heap (after GC) at evenly spaced points during the run. */
  checkpoints: MemoryFigures[];
  /** What the emulator holds at the end; each kind stays within its cap in `limits`. */
  retained: RetainedCounts;
  limits: Required<RetentionLimits>;
}

const MB = 1024 * 1024;
/** Each costs a full GC pause mid-run, so only a few. */
const MEMORY_CHECKPOINTS = 5;

/** A full collection, so heap figures compare live objects, not garbage not yet swept. */
function collect(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  gc?.();
  gc?.();
}

function memory(): MemoryFigures {
  collect();
  const usage = process.memoryUsage();
  return { rssMb: usage.rss / MB, heapUsedMb: usage.heapUsed / MB };
}

export async function runSoak(options: { seconds: number; concurrency?: number; limits?: RetentionLimits }): Promise<SoakResult> {
  const concurrency = options.concurrency ?? BENCH_CONCURRENCY;
  const emulator = await startEmulator({ limits: options.limits });
  try {
    const client = benchClient(emulator.url);
    const users = await benchUsers(client);
    const start = memory();
    const startedAt = performance.now();
    const endsAt = startedAt + options.seconds * 1000;
    const byMinute: number[][] = [];
    let errors = 0;
    let authenticates = 0;
    const checkpoints: MemoryFigures[] = [];
    const sampler = setInterval(() => {
      checkpoints.push(memory());
      if (checkpoints.length === MEMORY_CHECKPOINTS) clearInterval(sampler);
    }, (options.seconds * 1000) / (MEMORY_CHECKPOINTS + 1));
    await runWorkers(concurrency, () => performance.now() < endsAt, async (i) => {
      let token: string;
      try {
        token = (await client.magicLinks.create({ user_id: users[i % users.length] ?? '' })).token;
      } catch {
        errors += 1;
        return;
      }
      const began = performance.now();
      const ok = await authenticateOnce(client, token);
      const ended = performance.now();
      if (!ok) errors += 1;
      authenticates += 1;
      const minute = Math.floor((began - startedAt) / 60_000);
      (byMinute[minute] ??= []).push(ended - began);
    });
    clearInterval(sampler);
    const seconds = (performance.now() - startedAt) / 1000;
    const end = memory();
    const minutes = byMinute.map((latencies, minute) => {
      const sorted = [...latencies].sort((a, b) => a - b);
      return { minute: minute + 1, requests: sorted.length, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
    });
    return {
      seconds,
      concurrency,
      requests: emulator.requestCount(),
      authenticates,
      errors,
      throughput: authenticates / seconds,
      minutes,
      start,
      end,
      heapGrowthMb: end.heapUsedMb - start.heapUsedMb,
      checkpoints,
      retained: emulator.retained(),
      limits: emulator.limits,
    };
  } finally {
    await emulator.close();
  }
}

export function printSoak(result: SoakResult, log: (line: string) => void = console.log): void {
  const f = (n: number) => n.toFixed(1);
  log(`Emulator soak: ${f(result.seconds)} s, ${result.concurrency} concurrent, create + authenticate (session + RS256 JWT) per unit, emulator in-process`);
  log(`  requests:   ${result.requests} (${result.authenticates} authenticates), errors ${result.errors}`);
  log(`  throughput: ${result.throughput.toFixed(0)} authenticates/s`);
  for (const m of result.minutes) log(`  minute ${m.minute}:   ${m.requests} authenticates, p50 ${m.p50Ms.toFixed(2)} ms, p99 ${m.p99Ms.toFixed(2)} ms`);
  log(`  memory:     RSS ${f(result.start.rssMb)} → ${f(result.end.rssMb)} MB, heap after GC ${f(result.start.heapUsedMb)} → ${f(result.end.heapUsedMb)} MB (growth ${f(result.heapGrowthMb)} MB)`);
  const perThousand = result.authenticates > 0 ? (result.heapGrowthMb * 1000) / result.authenticates : 0;
  log(`              ${perThousand.toFixed(2)} MB per 1,000 authenticates`);
  const along = (pick: (m: MemoryFigures) => number): string =>
    [result.start, ...result.checkpoints, result.end].map((m) => f(pick(m))).join(' → ');
  log(`              heap after GC along the run: ${along((m) => m.heapUsedMb)} MB`);
  log(`              RSS along the run:           ${along((m) => m.rssMb)} MB`);
  const { retained: r, limits: cap } = result;
  log(`  retained:   ${r.sessions} sessions (cap ${cap.sessions}), ${r.tokens} tokens (cap ${cap.tokens}), ${r.outbox} outbox messages (cap ${cap.outbox}), ${r.users} users`);
}

function secondsArg(argv: readonly string[]): number {
  const at = argv.indexOf('--seconds');
  const value = at >= 0 ? Number(argv[at + 1]) : 300;
  if (!Number.isFinite(value) || value <= 0) throw new Error('--seconds takes a positive number');
  return value;
}

async function main(): Promise<void> {
  const result = await runSoak({ seconds: secondsArg(process.argv.slice(2)) });
  printSoak(result);
  if (result.errors > 0) process.exitCode = 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
