import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCommandRunner } from '../../../main/diagnostics/command-runner';
import {
  type CommandResult,
  type CommandRunner,
  desktopEntryFor,
  installDesktopEntry,
  queryDefaultHandler,
} from '../../../main/diagnostics/desktop-entry';

/** Records every call and answers from a script, so no xdg tool is needed. */
function recordingRunner(answer: (command: string, args: readonly string[]) => CommandResult | Error = () => ok()) {
  const calls: Array<{ command: string; args: readonly string[] }> = [];
  const run: CommandRunner = (command, args) => {
    calls.push({ command, args });
    const result = answer(command, args);
    return result instanceof Error ? Promise.reject(result) : Promise.resolve(result);
  };
  return { run, calls };
}
const ok = (stdout = ''): CommandResult => ({ exitCode: 0, stdout, stderr: '' });
const notFound = () => Object.assign(new Error('spawn ENOENT'), { code: 'ENOENT' });

function execLine(entry: string): string {
  const line = entry.split('\n').find((l) => l.startsWith('Exec='));
  if (line === undefined) throw new Error('no Exec line');
  return line.slice('Exec='.length);
}

describe('desktopEntryFor', () => {
  it('claims the scheme and passes the URL with %U', () => {
    const entry = desktopEntryFor({ appImagePath: '/home/ana/Apps/PromptGrimoire.AppImage' });
    expect(entry.startsWith('[Desktop Entry]\n')).toBe(true);
    expect(entry).toMatch(/^MimeType=x-scheme-handler\/promptgrimoire;$/m);
    expect(entry).toMatch(/^Type=Application$/m);
    expect(execLine(entry)).toBe('"/home/ana/Apps/PromptGrimoire.AppImage" %U');
    expect(entry).not.toMatch(/^Icon=/m);
  });

  it.each([
    ['spaces', '/home/ana/My Apps/PG.AppImage', '"/home/ana/My Apps/PG.AppImage" %U'],
    ['a double quote', '/opt/a"b/PG.AppImage', '"/opt/a\\\\"b/PG.AppImage" %U'],
    ['a dollar and a backtick', '/opt/$HOME`x`/PG.AppImage', '"/opt/\\\\$HOME\\\\`x\\\\`/PG.AppImage" %U'],
    ['a backslash (four in the file)', '/opt/a\\b/PG.AppImage', '"/opt/a\\\\\\\\b/PG.AppImage" %U'],
    ['a percent sign', '/opt/100%/PG.AppImage', '"/opt/100%%/PG.AppImage" %U'],
  ])('escapes a path with %s per the Desktop Entry spec', (_name, appImagePath, expected) => {
    expect(execLine(desktopEntryFor({ appImagePath }))).toBe(expected);
  });

  it('writes an icon when given one', () => {
    expect(desktopEntryFor({ appImagePath: '/a/PG.AppImage', iconPath: '/a/icon.png' })).toMatch(/^Icon=\/a\/icon\.png$/m);
  });

  it('refuses relative paths and paths that could add lines to the file', () => {
    expect(() => desktopEntryFor({ appImagePath: 'PG.AppImage' })).toThrow(/absolute/);
    expect(() => desktopEntryFor({ appImagePath: '/a\nExec=/bin/evil' })).toThrow(/control character/);
    expect(() => desktopEntryFor({ appImagePath: '/a/PG.AppImage', iconPath: 'x\nExec=y' })).toThrow(/control character/);
  });
});

describe('installDesktopEntry', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'pg-home-'));
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('writes ~/.local/share/applications/promptgrimoire.desktop and makes it the default', async () => {
    const runner = recordingRunner();
    const result = await installDesktopEntry({ homeDir: home, appImagePath: '/home/ana/PG.AppImage', runCommand: runner.run });

    const desktopFile = join(home, '.local', 'share', 'applications', 'promptgrimoire.desktop');
    expect(result).toEqual({ ok: true, desktopFile, steps: expect.any(Array) as unknown });
    expect(await readFile(desktopFile, 'utf8')).toBe(desktopEntryFor({ appImagePath: '/home/ana/PG.AppImage' }));
    expect((await stat(desktopFile)).mode & 0o777).toBe(0o644);
    expect(existsSync(`${desktopFile}.partial`)).toBe(false);
    expect(runner.calls).toEqual([
      { command: 'xdg-mime', args: ['default', 'promptgrimoire.desktop', 'x-scheme-handler/promptgrimoire'] },
      { command: 'update-desktop-database', args: [join(home, '.local', 'share', 'applications')] },
    ]);
  });

  it('honours XDG_DATA_HOME', async () => {
    const dataHome = join(home, 'data');
    const result = await installDesktopEntry({ homeDir: home, dataHome, appImagePath: '/a/PG.AppImage', runCommand: recordingRunner().run });
    expect(result.desktopFile).toBe(join(dataHome, 'applications', 'promptgrimoire.desktop'));
  });

  it('still succeeds when update-desktop-database is missing, and says so', async () => {
    const runner = recordingRunner((command) => (command === 'update-desktop-database' ? notFound() : ok()));
    const result = await installDesktopEntry({ homeDir: home, appImagePath: '/a/PG.AppImage', runCommand: runner.run });
    expect(result.ok).toBe(true);
    expect(result.steps[1]).toEqual({
      command: expect.stringMatching(/^update-desktop-database /) as unknown,
      ok: false,
      detail: 'update-desktop-database is not installed (package desktop-file-utils)',
    });
  });

  it('fails with a reason when xdg-mime is missing or refuses', async () => {
    const missing = await installDesktopEntry({ homeDir: home, appImagePath: '/a/PG.AppImage', runCommand: recordingRunner(notFound).run });
    expect(missing).toMatchObject({ ok: false, reason: expect.stringMatching(/xdg-mime is not installed \(package xdg-utils\)/) as unknown });

    const refused = recordingRunner(() => ({ exitCode: 4, stdout: '', stderr: 'xdg-mime: no method available\n' }));
    const result = await installDesktopEntry({ homeDir: home, appImagePath: '/a/PG.AppImage', runCommand: refused.run });
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/exited with 4: xdg-mime: no method available$/) as unknown });
    // The file is there, so a later retry or a manual xdg-mime call can still use it.
    expect(result.desktopFile).toMatch(/promptgrimoire\.desktop$/);
  });

  it('reports a home it cannot write to, without running any command', async () => {
    await mkdir(join(home, '.local'), { recursive: true });
    await chmod(join(home, '.local'), 0o500);
    const runner = recordingRunner();
    const result = await installDesktopEntry({ homeDir: home, appImagePath: '/a/PG.AppImage', runCommand: runner.run });
    await chmod(join(home, '.local'), 0o700);
    // root ignores permissions; then the write simply works.
    if (process.getuid?.() === 0) expect(result.ok).toBe(true);
    else {
      expect(result).toMatchObject({ ok: false, desktopFile: null, reason: expect.stringMatching(/^Cannot write /) as unknown });
      expect(runner.calls).toEqual([]);
    }
  });

  it('returns a reason for a relative AppImage path', async () => {
    const result = await installDesktopEntry({ homeDir: home, appImagePath: 'PG.AppImage', runCommand: recordingRunner().run });
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/absolute path/) as unknown });
  });
});

describe('queryDefaultHandler', () => {
  it('recognises this app', async () => {
    const runner = recordingRunner(() => ok('promptgrimoire.desktop\n'));
    await expect(queryDefaultHandler(runner.run)).resolves.toEqual({ ok: true, handler: 'promptgrimoire.desktop', isThisApp: true });
    expect(runner.calls).toEqual([{ command: 'xdg-mime', args: ['query', 'default', 'x-scheme-handler/promptgrimoire'] }]);
  });

  it('names another handler (a development build, say)', async () => {
    const result = await queryDefaultHandler(recordingRunner(() => ok('electron-dev.desktop\n')).run);
    expect(result).toEqual({ ok: true, handler: 'electron-dev.desktop', isThisApp: false });
  });

  it('reports no handler when xdg-mime prints nothing', async () => {
    await expect(queryDefaultHandler(recordingRunner(() => ok('\n')).run)).resolves.toEqual({ ok: true, handler: null, isThisApp: false });
  });

  it('explains a missing or failing xdg-mime', async () => {
    await expect(queryDefaultHandler(recordingRunner(notFound).run)).resolves.toEqual({
      ok: false,
      reason: 'xdg-mime is not installed (package xdg-utils)',
    });
    const failing = recordingRunner(() => ({ exitCode: 2, stdout: '', stderr: 'bad\u0007 args\n' }));
    await expect(queryDefaultHandler(failing.run)).resolves.toEqual({ ok: false, reason: 'xdg-mime exited with 2: bad args' });
  });
});

// The same functions against the real freedesktop tools. CI installs them (.ci/run); a
// machine without them fails here with the packages to install, rather than skipping.
const REQUIRED_TOOLS = { 'xdg-mime': 'xdg-utils', 'desktop-file-validate': 'desktop-file-utils' } as const;

describe('with the real xdg-mime and desktop-file-validate', () => {
  let home: string;
  beforeAll(() => {
    const missing = Object.entries(REQUIRED_TOOLS).filter(([tool]) => !['/usr/bin', '/bin'].some((dir) => existsSync(join(dir, tool))));
    if (missing.length > 0) {
      throw new Error(
        `These tests run the real freedesktop tools, and ${missing.map(([tool]) => tool).join(' and ')} ` +
          `are not installed. Install them: apt-get install -y ${missing.map(([, pkg]) => pkg).join(' ')}`,
      );
    }
  });
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'pg-home-'));
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  // A bare environment: this HOME only, and no desktop session that would change xdg-mime's method.
  const realRunner = (homeDir: string): CommandRunner => createCommandRunner({ env: { PATH: '/usr/bin:/bin', HOME: homeDir } });

  it('writes an entry desktop-file-validate accepts and xdg-mime then reports as the default', async () => {
    const run = realRunner(home);
    await expect(queryDefaultHandler(run)).resolves.toEqual({ ok: true, handler: null, isThisApp: false });

    const result = await installDesktopEntry({ homeDir: home, appImagePath: '/home/ana/My Apps/PG "beta" 100%.AppImage', runCommand: run });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const validation = await run('desktop-file-validate', [result.desktopFile]);
    expect(validation).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    await expect(queryDefaultHandler(run)).resolves.toEqual({ ok: true, handler: 'promptgrimoire.desktop', isThisApp: true });
  });
});
