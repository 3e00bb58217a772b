// How the property and fuzz suites draw their inputs. `npm test` replays each property's
// own fixed seed, so a green run stays green and a red one is red on every machine;
// `npm run fuzz` draws fresh seeds with ten times the runs, to find what the fixed seeds
// miss. Either way the seed is printed with the one command that replays it.
// Modes (environment): FUZZ=random draws seeds; FUZZ_SEED=<n> replays a fuzz run's seed.
import { relative } from 'node:path';

/** What a fuzz run multiplies the fixed runs by. */
export const FUZZ_RUN_FACTOR = 10;

export interface FuzzRuns {
  seed: number;
  numRuns: number;
}

type Mode = { kind: 'fixed' } | { kind: 'random' } | { kind: 'replay'; seed: number };

function mode(env: NodeJS.ProcessEnv): Mode {
  const replay = env['FUZZ_SEED'];
  if (replay !== undefined && replay !== '') {
    const seed = Number(replay);
    if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be a whole number, got "${replay}"`);
    return { kind: 'replay', seed };
  }
  return env['FUZZ'] === 'random' ? { kind: 'random' } : { kind: 'fixed' };
}

const current = mode(process.env);
const fuzzing = current.kind !== 'fixed';

/** A property's run count in this mode: its base count, or ten times that when fuzzing. */
export function scaled(baseRuns: number): number {
  return fuzzing ? baseRuns * FUZZ_RUN_FACTOR : baseRuns;
}

/** The per-test timeout: generous, since a busy shared machine is slow, not wrong. */
export const FUZZ_TIMEOUT = { timeout: fuzzing ? 90_000 * FUZZ_RUN_FACTOR : 90_000 };

/**
 * The seed for one property, printed with the command that replays it. Call it inside the
 * test. `fixedSeed` is the property's own seed in `npm test`; `label` is a plain part of
 * the test's title (no regex characters), so `-t` finds exactly that test.
 */
export function fuzzSeed(fixedSeed: number, baseRuns: number, where: { file: string; label: string }): FuzzRuns {
  const seed = current.kind === 'replay' ? current.seed : current.kind === 'random' ? Math.floor(Math.random() * 2 ** 31) : fixedSeed;
  const numRuns = scaled(baseRuns);
  const file = relative(process.cwd(), where.file);
  const command = `${fuzzing ? `FUZZ_SEED=${seed} ` : ''}npx vitest run ${file} -t '${where.label}'`;
  console.log(`[fuzz] ${where.label}: seed ${seed}, ${numRuns} runs (${fuzzing ? 'fresh seed' : 'fixed seed'}); replay: ${command}`);
  return { seed, numRuns };
}
