// Command-line flags of `npm run emulator`, parsed by node:util's parseArgs. Pure: returns the
// options or a message saying what is wrong, so the CLI can exit 2 and tests can check
// parsing without a process.
import { parseArgs } from 'node:util';
import { EMULATOR_DEFAULTS } from './index';
import type { EmulatorOptions, RetentionLimits } from './types';

export type CliParse = { ok: true; options: EmulatorOptions } | { ok: false; message: string } | { ok: 'help' };

export const USAGE = `Usage: npm run emulator -- [--port N] [--host H] [--project-id ID] [--secret S]
                            [--public-token T] [--data-dir DIR] [--rate-limit]
                            [--max-tokens N] [--max-sessions N] [--max-outbox N]`;

const FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'project-id': { type: 'string' },
  secret: { type: 'string' },
  'public-token': { type: 'string' },
  'data-dir': { type: 'string' },
  'rate-limit': { type: 'boolean' },
  // Retention caps (see the README's "What it keeps"): a load test that mints more links up
  // front than the default cap raises it here.
  'max-tokens': { type: 'string' },
  'max-sessions': { type: 'string' },
  'max-outbox': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const LIMIT_FLAGS = { 'max-tokens': 'tokens', 'max-sessions': 'sessions', 'max-outbox': 'outbox' } as const satisfies Record<string, keyof RetentionLimits>;

/** parseArgs' own refusal, reworded as one line that names the flag. */
function refusal(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  // Node quotes what it refused: "Unknown option '--what'", "Option '--port <value>' argument missing".
  const quoted = /'([^' ]+)/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown option: ${quoted}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Unexpected argument: ${quoted} (every option starts with --)`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/argument missing|ambiguous/.test(message)) return `${quoted} needs a value (one that starts with - is written ${quoted}=-…)`;
      return message.split('\n')[0] ?? message;
    default:
      throw error;
  }
}

function wholeNumber(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

export function parseCliArgs(argv: readonly string[]): CliParse {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof FLAGS }>>['values'];
  try {
    values = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return { ok: false, message: refusal(error) };
  }
  if (values.help === true) return { ok: 'help' };
  for (const [flag, value] of Object.entries(values)) {
    if (value === '') return { ok: false, message: `--${flag} needs a value` };
  }

  const options: EmulatorOptions = { port: EMULATOR_DEFAULTS.port, dataDir: values['data-dir'] ?? '.emulator-data' };
  if (values.port !== undefined) {
    const port = wholeNumber(values.port);
    if (port === undefined || port > 65535) return { ok: false, message: `--port must be an integer 0..65535, got "${values.port}"` };
    options.port = port;
  }
  if (values.host !== undefined) options.host = values.host;
  if (values['project-id'] !== undefined) options.projectId = values['project-id'];
  if (values.secret !== undefined) options.secret = values.secret;
  if (values['public-token'] !== undefined) options.publicToken = values['public-token'];
  if (values['rate-limit'] === true) options.rateLimit = true;
  for (const [flag, key] of Object.entries(LIMIT_FLAGS)) {
    const text = values[flag as keyof typeof LIMIT_FLAGS];
    if (text === undefined) continue;
    const limit = wholeNumber(text);
    if (limit === undefined || limit < 1) return { ok: false, message: `--${flag} must be a positive integer, got "${text}"` };
    options.limits = { ...options.limits, [key]: limit };
  }
  return { ok: true, options };
}
