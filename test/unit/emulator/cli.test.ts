// The emulator's command line as a person meets it: a wrong flag prints what is wrong and the
// usage on stderr, prints nothing on stdout (scripts wait for its first line), and exits 2.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [tsx, 'emulator/cli.ts', ...args], { cwd: root, timeout: 15_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

describe('npm run emulator', () => {
  it.each([
    [['--what'], 'stytch emulator: Unknown option: --what'],
    [['--port', 'eighty'], 'stytch emulator: --port must be an integer 0..65535, got "eighty"'],
    [['--max-outbox', '0'], 'stytch emulator: --max-outbox must be a positive integer, got "0"'],
  ])('%j exits 2 with a message and the usage', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage: npm run emulator --');
  }, 20_000);

  it('--help prints the usage and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: npm run emulator --');
  }, 20_000);
});
