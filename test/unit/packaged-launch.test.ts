// What an installed app accepts from whoever launched it: no environment steering (names of
// ignored variables are reported, never values) and no debugging switches in any spelling.
import { describe, expect, it } from 'vitest';
import { debuggingSwitchIn, launchRefusal, trustedEnvironment, userDataOverride } from '../../main/packaged-launch';

const ENV = {
  HOME: '/home/person',
  PATH: '/usr/bin',
  STYTCH_SECRET: 'secret-live-runtime',
  STYTCH_PROJECT_ID: 'project-live-attacker',
  STYTCH_API_URL: 'https://stytch.attacker.example',
  PROMPTGRIMOIRE_RELAY_URL: 'https://relay.attacker.example',
  PROMPTGRIMOIRE_USER_DATA_DIR: '/tmp/attacker-profile',
  PROMPTGRIMOIRE_IDLE_TIMEOUT_MINUTES: '0',
  PROMPTGRIMOIRE_EMPTY: '',
};

describe('trustedEnvironment', () => {
  it('in a packaged build drops every STYTCH_* and PROMPTGRIMOIRE_* variable but the secret, and names them', () => {
    const trusted = trustedEnvironment(ENV, { packaged: true, allowOverrides: false });
    expect(trusted.env).toEqual({ HOME: '/home/person', PATH: '/usr/bin', STYTCH_SECRET: 'secret-live-runtime' });
    expect(trusted.ignored).toEqual([
      'PROMPTGRIMOIRE_IDLE_TIMEOUT_MINUTES',
      'PROMPTGRIMOIRE_RELAY_URL',
      'PROMPTGRIMOIRE_USER_DATA_DIR',
      'STYTCH_API_URL',
      'STYTCH_PROJECT_ID',
    ]);
    expect(JSON.stringify(trusted.ignored)).not.toContain('attacker');
    expect(trusted.overrides).toBe('ignored');
    expect(userDataOverride(trusted)).toBeUndefined();
  });

  it('catches a lower-case spelling too (Windows variables are case-insensitive)', () => {
    expect(trustedEnvironment({ promptgrimoire_relay_url: 'https://x.example' }, { packaged: true, allowOverrides: false }).env).toEqual({});
  });

  it("keeps everything in development and in support staff's test builds", () => {
    const development = trustedEnvironment(ENV, { packaged: false, allowOverrides: false });
    expect(development).toEqual({ env: ENV, ignored: [], overrides: 'development' });
    expect(userDataOverride(development)).toBe('/tmp/attacker-profile');
    expect(trustedEnvironment(ENV, { packaged: true, allowOverrides: true })).toEqual({ env: ENV, ignored: [], overrides: 'allowed' });
  });
});

describe('launchRefusal', () => {
  const app = '/opt/PromptGrimoire/promptgrimoire';

  it.each([
    ['--remote-debugging-port=9222'],
    ['--remote-debugging-port', '9222'],
    ['--remote-debugging-pipe'],
    ['--inspect'],
    ['--inspect=9229'],
    ['--inspect-brk'],
    ['--inspect-port=0'],
    ['--js-flags=--allow-natives-syntax'],
    ['-remote-debugging-port=9222'],
    ['--Remote-Debugging-Port=9222'],
  ])('a packaged app exits when started with %s', (...args) => {
    expect(launchRefusal([app, ...args], true, 'linux')).toMatch(/^an installed app does not run with the debugging switch -/);
  });

  it('reads Windows-style /switches on Windows only', () => {
    expect(launchRefusal(['C:\\PromptGrimoire.exe', '/remote-debugging-port=9222'], true, 'win32')).toContain('/remote-debugging-port');
    expect(launchRefusal([app, '/remote-debugging-port'], true, 'linux')).toBeNull();
  });

  it('names the switch without its value', () => {
    expect(debuggingSwitchIn([app, '--js-flags=--expose-gc'], 'linux')).toBe('--js-flags');
  });

  it('lets an ordinary launch through: a sign-in link, other Chromium switches, the executable path', () => {
    const link = 'promptgrimoire://auth/callback?stytch_token_type=magic_links&token=abc';
    expect(launchRefusal([app, link], true, 'linux')).toBeNull();
    expect(launchRefusal([app, '--no-sandbox', '--enable-features=WaylandWindowDecorations', '--ozone-platform-hint=auto'], true, 'linux')).toBeNull();
    expect(launchRefusal(['/tmp/--inspect/promptgrimoire'], true, 'linux')).toBeNull();
  });

  it('never refuses a development run (the e2e electron target runs the unpackaged app)', () => {
    expect(launchRefusal([app, '--remote-debugging-port=0', '--inspect'], false, 'linux')).toBeNull();
  });
});
