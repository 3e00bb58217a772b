// A benchmark's helper processes (the emulator, relays): started with `tsx`, their output
// going to a file, ready once the line announcing their URL appears.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface Child {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts `tsx <script>` with its output going to a file, and waits for the line announcing
 * its URL. A file rather than a pipe: the relay logs every request, and this (timed) process
 * must not spend its event loop reading those lines.
 */
export async function startChild(script: string, args: string[], env: Record<string, string>, prefix: string, logFile: string): Promise<Child> {
  const fd = openSync(logFile, 'w');
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, 'inherit'],
  });
  closeSync(fd);
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 30_000;
  let url: string | undefined;
  while (url === undefined) {
    if (exited) throw new Error(`${script} exited before listening`);
    if (Date.now() > deadline) throw new Error(`${script} did not start within 30 s`);
    await new Promise((done) => setTimeout(done, 50));
    url = (await readFile(logFile, 'utf8'))
      .split('\n')
      .find((line) => line.startsWith(prefix))
      ?.slice(prefix.length)
      .trim();
  }
  return {
    url,
    stop: () =>
      new Promise<void>((done) => {
        if (exited) return done();
        child.once('exit', () => done());
        child.kill('SIGINT');
      }),
  };
}

/** The emulator in its own process, its data in `workDir`. */
export function startEmulatorChild(workDir: string): Promise<Child> {
  return startChild(
    'emulator/cli.ts',
    ['--port', '0', '--data-dir', join(workDir, 'emulator')],
    {},
    'Stytch emulator listening on ',
    join(workDir, 'emulator.log'),
  );
}
