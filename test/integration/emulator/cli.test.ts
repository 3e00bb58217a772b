// The CLI as a user runs it: the first stdout line announces the URL, the emulator answers
// there, bad flags exit 2, and SIGINT closes it cleanly.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'emulator-cli-'));
});
afterAll(async () => rm(dataDir, { recursive: true, force: true }));

function cli(args: string[]): ChildProcessWithoutNullStreams {
  // Its own process group, so stopping it reaches npx, tsx and node alike (npx does not relay).
  return spawn('npx', ['tsx', 'emulator/cli.ts', ...args], { cwd: process.cwd(), env: process.env, detached: true });
}

/** tsx without npx in front, so the exit code seen is the emulator's own. */
function cliDirect(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(join('node_modules', '.bin', 'tsx'), ['emulator/cli.ts', ...args], { cwd: process.cwd(), env: process.env });
}

function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      lines.close();
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${String(code)} before printing`)));
  });
}

function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('emulator CLI', () => {
  it('prints exactly "Stytch emulator listening on <url>" first and serves there', async () => {
    const child = cli(['--port', '0', '--data-dir', dataDir]);
    child.stdout.setEncoding('utf8');
    const line = await firstLine(child);
    expect(line).toMatch(/^Stytch emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = line.replace('Stytch emulator listening on ', '');
    const jwks = await fetch(`${url}/v1/sessions/jwks/project-test-6b7c2f0e-5d1a-4e8b-9c3f-2a1d0e9f8b7a`);
    expect(jwks.status).toBe(200);
    const exited = exitCode(child);
    process.kill(-(child.pid ?? 0), 'SIGTERM');
    await exited;
  });

  it('closes cleanly on Ctrl-C: exit code 0 and the port stops answering', async () => {
    const child = cliDirect(['--port', '0', '--data-dir', dataDir]);
    child.stdout.setEncoding('utf8');
    const url = (await firstLine(child)).replace('Stytch emulator listening on ', '');
    const exited = exitCode(child);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(`${url}/inbox`)).rejects.toThrow();
  });

  it('exits 2 with a clear message on a bad flag', async () => {
    const child = cli(['--port', 'banana']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await exitCode(child)).toBe(2);
    expect(stderr).toContain('--port must be an integer');
  });
});
