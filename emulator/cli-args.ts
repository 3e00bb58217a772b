// Command-line flags of `npm run emulator`. Pure: returns the options or a message saying
// what is wrong, so the CLI can exit 2 and tests can check parsing without a process.
import { EMULATOR_DEFAULTS } from './index';
import type { EmulatorOptions } from './types';

export type CliParse = { ok: true; options: EmulatorOptions } | { ok: false; message: string } | { ok: 'help' };

export const USAGE = `Usage: npm run emulator -- [--port N] [--host H] [--project-id ID] [--secret S]
                            [--public-token T] [--data-dir DIR] [--rate-limit]
                            [--max-tokens N] [--max-sessions N] [--max-outbox N]`;

const VALUE_FLAGS = {
  '--port': 'port',
  '--host': 'host',
  '--project-id': 'projectId',
  '--secret': 'secret',
  '--public-token': 'publicToken',
  '--data-dir': 'dataDir',
} as const;

// Retention caps (see the README's "What it keeps"): a load test that mints more links up
// front than the default cap raises it here.
const LIMIT_FLAGS = {
  '--max-tokens': 'tokens',
  '--max-sessions': 'sessions',
  '--max-outbox': 'outbox',
} as const;

function isLimitFlag(flag: string): flag is keyof typeof LIMIT_FLAGS {
  return Object.hasOwn(LIMIT_FLAGS, flag);
}

function isValueFlag(flag: string): flag is keyof typeof VALUE_FLAGS {
  return Object.hasOwn(VALUE_FLAGS, flag);
}

export function parseCliArgs(argv: readonly string[]): CliParse {
  const options: EmulatorOptions = { port: EMULATOR_DEFAULTS.port, dataDir: '.emulator-data' };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return { ok: 'help' };
    if (arg === '--rate-limit') {
      options.rateLimit = true;
      continue;
    }
    const [flag = '', inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!isValueFlag(flag) && !isLimitFlag(flag)) return { ok: false, message: `Unknown option: ${arg}` };
    const value = inline ?? argv[++i];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) {
      return { ok: false, message: `${flag} needs a value` };
    }
    if (isLimitFlag(flag)) {
      const limit = Number(value);
      if (!/^\d+$/.test(value) || limit < 1) return { ok: false, message: `${flag} must be a positive integer, got "${value}"` };
      options.limits = { ...options.limits, [LIMIT_FLAGS[flag]]: limit };
      continue;
    }
    const key = VALUE_FLAGS[flag];
    if (key === 'port') {
      const port = Number(value);
      if (!/^\d+$/.test(value) || port > 65535) return { ok: false, message: `--port must be an integer 0..65535, got "${value}"` };
      options.port = port;
    } else {
      options[key] = value;
    }
  }
  return { ok: true, options };
}
