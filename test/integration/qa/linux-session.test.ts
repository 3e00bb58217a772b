// scripts/qa/linux-session.sh for real: Xvfb, a private D-Bus session bus and GNOME Keyring
// start, a secret stored through the Secret Service reads back, and every process the script
// started is gone once it exits, also when the command fails or the script is interrupted.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPT = resolve('scripts/qa/linux-session.sh');

interface SessionRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  /** Called once stdout contains this text: the command inside the session is running. */
  onStdout?: { text: string; then: (pid: number) => void };
}

function runSession(command: string[], options: RunOptions = {}): Promise<SessionRun> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(SCRIPT, command, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let notified = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const hook = options.onStdout;
      if (hook && !notified && stdout.includes(hook.text) && child.pid !== undefined) {
        notified = true;
        hook.then(child.pid);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => resolveRun({ code, signal, stdout, stderr }));
  });
}

/** The processes the script announced: "linux-session: started NAME (pid N)". */
function startedProcesses(stderr: string): Array<{ name: string; pid: number }> {
  return [...stderr.matchAll(/^linux-session: started (\S+) \(pid (\d+)\)$/gm)].map((m) => ({
    name: m[1] ?? '',
    pid: Number(m[2]),
  }));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function sessionFolder(stderr: string): string {
  const match = /D-Bus at unix:path=(\S+)\/bus,/.exec(stderr);
  if (!match?.[1]) throw new Error(`the script did not report its bus: ${stderr}`);
  return match[1];
}

function expectEverythingStopped(run: SessionRun): void {
  const processes = startedProcesses(run.stderr);
  expect(processes.map((p) => p.name)).toEqual(['Xvfb', 'dbus-daemon', 'gnome-keyring-daemon']);
  expect(processes.filter((p) => isAlive(p.pid))).toEqual([]);
  expect(existsSync(sessionFolder(run.stderr))).toBe(false);
}

describe.skipIf(process.platform !== 'linux')('scripts/qa/linux-session.sh (Linux only: it starts Xvfb, D-Bus and GNOME Keyring)', () => {
  it('runs the command with a display, a session bus and an unlocked keyring that keeps a secret', async () => {
    const secret = `qa-check-${process.pid}`;
    const run = await runSession([
      'bash',
      '-c',
      [
        `printf %s '${secret}' | secret-tool store --label='QA check' service promptgrimoire-qa account check`,
        'printf "read back: %s\\n" "$(secret-tool lookup service promptgrimoire-qa account check)"',
        'printf "display: %s\\n" "$DISPLAY"',
        'test -S "/tmp/.X11-unix/X${DISPLAY#:}" && echo "x socket: yes"',
        'printf "bus: %s\\n" "$DBUS_SESSION_BUS_ADDRESS"',
      ].join(' && '),
    ]);

    expect(run.stderr).not.toMatch(/exited before|not ready|missing/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`read back: ${secret}\n`);
    expect(run.stdout).toMatch(/^display: :\d+$/m);
    expect(run.stdout).toContain('x socket: yes');
    expect(run.stdout).toMatch(/^bus: unix:path=.*qa-linux-session\.\w+\/bus$/m);
    expectEverythingStopped(run);
  });

  it('returns the command\u2019s own exit code and still stops everything when the command fails', async () => {
    const run = await runSession(['bash', '-c', 'exit 7']);
    expect(run.code).toBe(7);
    expectEverythingStopped(run);
  });

  it('stops the command and everything it started when it is itself stopped', async () => {
    const run = await runSession(['bash', '-c', 'echo inside; exec sleep 300'], {
      // Only once the command runs inside the session, so the whole session exists to stop.
      onStdout: { text: 'inside', then: (pid) => process.kill(pid, 'SIGTERM') },
    });
    expect(run.code).toBe(143);
    expectEverythingStopped(run);
  });

  it('refuses to start without a command, saying how to call it', async () => {
    const run = await runSession([]);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('usage: scripts/qa/linux-session.sh <command>');
    expect(startedProcesses(run.stderr)).toEqual([]);
  });
});
