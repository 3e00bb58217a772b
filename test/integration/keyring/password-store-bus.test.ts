// The password-store choice against a real session bus: inside scripts/qa/linux-session.sh
// (a private dbus-daemon with GNOME Keyring as the Secret Service) Sway gets
// gnome-libsecret; on a private bus with no keyring it stays on Chromium's basic_text.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { choosePasswordStore } from '../../../main/keyring/password-store';
import { listSessionBusNames } from '../../../main/keyring/session-bus';

const SCRIPT = resolve('scripts/qa/linux-session.sh');
const PRINT = resolve('test/integration/keyring/print-choice.ts');
const hasTools = ['dbus-daemon', 'dbus-send', 'gnome-keyring-daemon', 'Xvfb'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0);

describe.skipIf(process.platform !== 'linux' || !hasTools)('password store on a real session bus (Linux, D-Bus and GNOME Keyring)', { timeout: 90_000 }, () => {
  it('gives Sway gnome-libsecret when GNOME Keyring answers as the Secret Service', () => {
    const output = execFileSync(SCRIPT, [process.execPath, '--import', 'tsx', PRINT], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const choice = JSON.parse(output.trim().split('\n').pop() ?? '{}') as { passwordStore: string; reason: string; ms: number };
    expect(choice.passwordStore).toBe('gnome-libsecret');
    expect(choice.reason).toBe('the desktop (sway) is not one Chromium recognises; a Secret Service is running');
  });

  it('leaves Sway on basic_text when the bus has no keyring', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bare-bus-'));
    const socket = join(dir, 'bus');
    // The bus policy scripts/qa/linux-session.sh uses, without its keyring.
    writeFileSync(
      join(dir, 'bus.conf'),
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:path=${socket}</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>`,
    );
    const daemon = spawn('dbus-daemon', [`--config-file=${join(dir, 'bus.conf')}`, '--nofork', '--nopidfile', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      // The daemon prints its address once it accepts connections.
      await new Promise<void>((ready, fail) => {
        daemon.stdout.once('data', () => ready());
        daemon.once('exit', () => fail(new Error('dbus-daemon exited')));
      });
      const env = { DBUS_SESSION_BUS_ADDRESS: `unix:path=${socket}` };
      const listed = listSessionBusNames(env);
      expect(listed.ok).toBe(true);
      expect(choosePasswordStore({ env: { XDG_CURRENT_DESKTOP: 'sway' }, givenSwitch: null, busNames: () => listed })).toEqual({
        passwordStore: null,
        reason: 'the desktop (sway) is not one Chromium recognises and no keyring is running on the session bus',
      });
    } finally {
      daemon.kill('SIGTERM');
      await new Promise((done) => daemon.once('exit', done));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
