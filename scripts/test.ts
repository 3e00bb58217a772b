// `npm test`: every check the project has, in order, with one summary at the end.
// Each step runs even when an earlier one failed, so a single run shows every problem;
// the exit code is non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const RESULTS = 'test-results';
const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
const failedSteps: string[] = [];

function run(step: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n=== ${step}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  if (!ok) failedSteps.push(step);
  return ok;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function add(counts: Counts): void {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
}

function vitestCounts(report: unknown): Counts | undefined {
  const r = report as { numPassedTests?: number; numFailedTests?: number; numPendingTests?: number; numTodoTests?: number };
  if (typeof r?.numPassedTests !== 'number') return undefined;
  return { passed: r.numPassedTests, failed: r.numFailedTests ?? 0, skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) };
}

function playwrightCounts(report: unknown): Counts | undefined {
  const s = (report as { stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number } })?.stats;
  if (typeof s?.expected !== 'number') return undefined;
  return { passed: s.expected + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0 };
}

rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

// A failed check that is not a test runner still shows in the sum as one failure.
if (!run('typecheck', npx, ['tsc', '-p', 'tsconfig.node.json', '--noEmit'])) totals.failed += 1;
if (!run('typecheck (renderer)', npx, ['tsc', '-p', 'tsconfig.web.json', '--noEmit'])) totals.failed += 1;
if (!run('lint', npx, ['eslint', '.'])) totals.failed += 1;
if (!run('electronegativity', npx, ['tsx', 'scripts/electronegativity.ts'])) totals.failed += 1;

// Built first: the packaging test packs this output, and the end-to-end tests load it.
const built = run('build', npx, ['electron-vite', 'build']);
if (!built) totals.failed += 1;

run('unit + integration (vitest)', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${RESULTS}/vitest.json`]);
const vitest = vitestCounts(readJson(`${RESULTS}/vitest.json`));
if (vitest) add(vitest);
else totals.failed += 1;

if (built) {
  run('end-to-end (playwright)', npx, ['playwright', 'test']);
  const playwright = playwrightCounts(readJson(`${RESULTS}/playwright.json`));
  if (playwright) add(playwright);
  else totals.failed += 1;
}

writeFileSync(`${RESULTS}/summary.json`, JSON.stringify({ ...totals, failedSteps }, null, 2));
console.log('');
if (failedSteps.length > 0) console.log(`Failed steps: ${failedSteps.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length > 0 || totals.failed > 0 ? 1 : 0);
