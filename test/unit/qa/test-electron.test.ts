// How `npm run test:electron` starts Playwright: always the electron project with the HTML
// report, and on Linux inside the headless session that gives Electron a display and a keyring.
import { describe, expect, it } from 'vitest';
import { LINUX_SESSION_SCRIPT, playwrightInvocation } from '../../../scripts/test-electron';

describe('playwrightInvocation', () => {
  it('wraps Playwright in the Linux session script on Linux, passing extra options on', () => {
    expect(playwrightInvocation('linux', '/node', 'cli.js', ['--repeat-each=3'])).toEqual({
      command: 'bash',
      args: [LINUX_SESSION_SCRIPT, '/node', 'cli.js', 'test', '--project=electron', '--reporter=list,html', '--repeat-each=3'],
    });
  });

  it.each(['darwin', 'win32'] as const)('runs Playwright directly on %s, where the desktop already provides both', (platform) => {
    expect(playwrightInvocation(platform, '/node', 'cli.js', [])).toEqual({
      command: '/node',
      args: ['cli.js', 'test', '--project=electron', '--reporter=list,html'],
    });
  });
});
