// The CommandRunner that desktop-entry.ts expects, over child_process.execFile: no shell, a
// time limit, and a fixed environment when asked, so xdg tools answer for the right HOME.
// Rule: nothing here may import electron; only a program that could not be started rejects
// (with its errno code, ENOENT when it is not installed); any exit is a result.
import { execFile } from 'node:child_process';
import type { CommandRunner } from './desktop-entry';

export interface CommandRunnerOptions {
  /** The child's whole environment; default: this process's. */
  env?: NodeJS.ProcessEnv;
  /** Default 10 s: xdg-mime is a shell script that can wait on a busy desktop. */
  timeoutMs?: number;
}

export function createCommandRunner(options: CommandRunnerOptions = {}): CommandRunner {
  const timeout = options.timeoutMs ?? 10_000;
  return (command, args) =>
    new Promise((resolve, reject) => {
      execFile(command, [...args], { env: options.env ?? process.env, timeout, maxBuffer: 64 * 1024 }, (error, stdout, stderr) => {
        if (error === null) {
          resolve({ exitCode: 0, stdout, stderr });
          return;
        }
        // A spawn error means it never ran; anything else (an exit status, a kill) is a result.
        if (typeof error.code === 'string' && String(error.syscall ?? '').startsWith('spawn')) {
          reject(Object.assign(new Error(error.message), { code: error.code }));
          return;
        }
        const exitCode = typeof error.code === 'number' ? error.code : null;
        resolve({ exitCode, stdout, stderr: stderr || (error.killed ? `timed out after ${timeout} ms` : error.message) });
      });
    });
}
