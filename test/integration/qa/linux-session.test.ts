// scripts/qa/linux-session.sh for real: Xvfb, a private D-Bus session bus and GNOME Keyring
// start, a secret stored through the Secret Service reads back, Chromium started the way the
// electron target starts the app keeps its Safe Storage key there, and every process the
// script started is gone once it exits, also when the command fails or it is interrupted.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINUX_PASSWORD_STORE_SWITCH } from '../../e2e/targets/keyring-check';
import { chromiumExecutable } from '../../fixtures/chromium';

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

// Each start waits for its readiness up to 20 s on a busy machine; never cut that short.
describe.skipIf(process.platform !== 'linux')('scripts/qa/linux-session.sh (Linux only: it starts Xvfb, D-Bus and GNOME Keyring)', { timeout: 90_000 }, () => {
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

  it('gives Chromium, started with the electron target\u2019s switch, the keyring for its Safe Storage key', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'qa-chromium-'));
    try {
      // Chromium writes its key when it first needs encryption (a cookie); the loop waits for
      // that, up to a deadline, then the browser's whole process group is stopped.
      const script = [
        `setsid "$0" --headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking \\`,
        `  ${LINUX_PASSWORD_STORE_SWITCH} --user-data-dir="$1" 'data:text/html,<script>document.cookie="qa=1"</script>' >/dev/null 2>&1 &`,
        'browser=$!',
        'deadline=$((SECONDS + 30))',
        'until secret-tool search --all application chromium 2>/dev/null | grep -q "Safe Storage"; do',
        '  [ "$SECONDS" -lt "$deadline" ] && kill -0 "$browser" 2>/dev/null || break',
        '  sleep 0.1',
        'done',
        'secret-tool search --all application chromium 2>/dev/null | grep -E "^(label|schema) "',
        'kill -TERM -- "-$browser" 2>/dev/null; wait "$browser"; true',
      ].join('\n');
      const run = await runSession(['bash', '-c', script, chromiumExecutable(), profile]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('label = Chromium Safe Storage');
      expect(run.stdout).toContain('schema = chrome_libsecret_os_crypt_password_v2');
      expectEverythingStopped(run);
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
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
