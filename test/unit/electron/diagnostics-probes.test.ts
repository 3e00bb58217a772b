import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { desktopEntryFor } from '../../../main/diagnostics/desktop-entry';
import {
  appImagePath,
  createElectronDiagnosticsProbes,
  storageBackendName,
  type ElectronProbeOptions,
} from '../../../main/electron/diagnostics-probes';
import { exited, FakeProbeApp, FakeSafeStorage, notInstalled, scriptedRunner } from './stand-ins';

const fileExists = (path: string) => readFile(path).then(() => true, () => false);

function options(overrides: Partial<ElectronProbeOptions> & Pick<ElectronProbeOptions, 'app' | 'platform'>): ElectronProbeOptions {
  return {
    safeStorage: new FakeSafeStorage(true, 'gnome_libsecret'),
    shell: { showItemInFolder: () => undefined },
    osRelease: '6.8.0',
    arch: 'x64',
    electronVersion: '45.5.0',
    env: {},
    homeDir: '/home/ana',
    runCommand: scriptedRunner(() => exited(0)).run,
    protocolClient: { defaultApp: false, execPath: '/opt/PromptGrimoire/promptgrimoire', argv: ['/opt/PromptGrimoire/promptgrimoire'] },
    logFilePath: null,
    fileExists,
    ...overrides,
  };
}

describe('Electron diagnostics probes: facts', () => {
  it('reads the version, packaging and runtime, and names the install kind on Linux', () => {
    const app = new FakeProbeApp();
    const appImage = createElectronDiagnosticsProbes(options({ app, platform: 'linux', env: { APPIMAGE: '/home/ana/PG.AppImage' } }));
    expect(appImage).toMatchObject({ appVersion: '0.1.0', runtimeVersion: '45.5.0', packaged: true, platform: 'linux', linuxPackage: 'AppImage' });
    expect(createElectronDiagnosticsProbes(options({ app, platform: 'linux' })).linuxPackage).toBe('deb');
    expect(createElectronDiagnosticsProbes(options({ app, platform: 'darwin' })).linuxPackage).toBeNull();
  });

  it('names the keystore: the selected backend on Linux, the OS store elsewhere', () => {
    expect(storageBackendName('linux', new FakeSafeStorage(true, 'basic_text'))).toBe('basic_text');
    expect(storageBackendName('darwin', new FakeSafeStorage(true, 'unknown'))).toBe('keychain');
    expect(storageBackendName('win32', new FakeSafeStorage(true, 'unknown'))).toBe('dpapi');
  });

  it('takes $APPIMAGE only as an absolute path', () => {
    expect(appImagePath({ APPIMAGE: '/a/PG.AppImage' })).toBe('/a/PG.AppImage');
    expect(appImagePath({ APPIMAGE: 'PG.AppImage' })).toBeNull();
    expect(appImagePath({})).toBeNull();
  });
});

describe('Electron diagnostics probes: who owns promptgrimoire://', () => {
  it("asks Electron on macOS and Windows, by the scheme's name", async () => {
    const app = new FakeProbeApp();
    app.handlerName = 'Electron';
    const probes = createElectronDiagnosticsProbes(options({ app, platform: 'darwin' }));
    await expect(probes.protocolHandler()).resolves.toEqual({ isDefault: false, currentHandler: 'Electron', canFix: true, detail: null });
    expect(app.asked).toEqual(['name:promptgrimoire://', 'isDefault:promptgrimoire']);
    app.handlerName = '';
    await expect(probes.protocolHandler()).resolves.toMatchObject({ currentHandler: null });
  });

  it('asks xdg-mime on Linux, and falls back to Electron with the reason when it is missing', async () => {
    const app = new FakeProbeApp();
    const found = scriptedRunner(() => exited(0, 'promptgrimoire.desktop\n'));
    const linux = createElectronDiagnosticsProbes(options({ app, platform: 'linux', runCommand: found.run }));
    await expect(linux.protocolHandler()).resolves.toEqual({ isDefault: true, currentHandler: 'promptgrimoire.desktop', canFix: true, detail: null });
    expect(found.calls).toEqual(['xdg-mime query default x-scheme-handler/promptgrimoire']);

    app.defaultClient = true;
    const missing = createElectronDiagnosticsProbes(options({ app, platform: 'linux', runCommand: scriptedRunner(notInstalled).run }));
    await expect(missing.protocolHandler()).resolves.toEqual({
      isDefault: true,
      currentHandler: null,
      canFix: true,
      detail: 'xdg-mime is not installed (package xdg-utils)',
    });
  });

  it('cannot fix a development run on Linux, which has no desktop entry', async () => {
    const app = new FakeProbeApp();
    app.isPackaged = false;
    const probes = createElectronDiagnosticsProbes(options({ app, platform: 'linux' }));
    await expect(probes.protocolHandler()).resolves.toMatchObject({ canFix: false });
    await expect(probes.fixProtocolHandler()).resolves.toEqual({ ok: false, reason: 'a development run has no desktop entry to register' });
    expect(app.registrations).toEqual([]);
  });
});

describe('Electron diagnostics probes: fixing the handler', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'pg-probes-'));
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('registers with Electron on Windows, passing the script in development', async () => {
    const app = new FakeProbeApp();
    app.isPackaged = false;
    const probes = createElectronDiagnosticsProbes(
      options({ app, platform: 'win32', protocolClient: { defaultApp: true, execPath: 'C:\\electron.exe', argv: ['C:\\electron.exe', 'out/main/index.js'] } }),
    );
    await expect(probes.fixProtocolHandler()).resolves.toEqual({ ok: true });
    expect(app.registrations).toEqual([{ protocol: 'promptgrimoire', path: 'C:\\electron.exe', args: [expect.stringMatching(/out[\\/]main[\\/]index\.js$/) as unknown] }]);
    app.registerResult = false;
    await expect(probes.fixProtocolHandler()).resolves.toEqual({ ok: false, reason: 'the operating system refused the registration' });
  });

  it('writes the desktop entry for an AppImage and makes it the default with xdg-mime', async () => {
    const app = new FakeProbeApp();
    const runner = scriptedRunner(() => exited(0));
    const probes = createElectronDiagnosticsProbes(
      options({ app, platform: 'linux', env: { APPIMAGE: '/home/ana/PG.AppImage', XDG_DATA_HOME: join(home, 'data') }, homeDir: home, runCommand: runner.run }),
    );
    await expect(probes.fixProtocolHandler()).resolves.toEqual({ ok: true });
    const desktopFile = join(home, 'data', 'applications', 'promptgrimoire.desktop');
    expect(await readFile(desktopFile, 'utf8')).toBe(desktopEntryFor({ appImagePath: '/home/ana/PG.AppImage' }));
    expect(runner.calls[0]).toBe('xdg-mime default promptgrimoire.desktop x-scheme-handler/promptgrimoire');
    // The AppImage never goes through Electron's registration, which has no entry to name.
    expect(app.registrations).toEqual([]);
  });

  it('does not count a stale entry as this AppImage owning the scheme, and fixing it makes it current', async () => {
    const runner = scriptedRunner((_command, args) => (args[0] === 'query' ? exited(0, 'promptgrimoire.desktop\n') : exited(0)));
    const probes = createElectronDiagnosticsProbes(
      options({ app: new FakeProbeApp(), platform: 'linux', env: { APPIMAGE: '/home/ana/PG.AppImage' }, homeDir: home, runCommand: runner.run }),
    );
    await expect(probes.protocolHandler()).resolves.toEqual({
      isDefault: false,
      currentHandler: 'promptgrimoire.desktop',
      canFix: true,
      detail: 'the promptgrimoire.desktop entry is missing or starts another copy of the AppImage',
    });
    await expect(probes.fixProtocolHandler()).resolves.toEqual({ ok: true });
    await expect(probes.protocolHandler()).resolves.toEqual({ isDefault: true, currentHandler: 'promptgrimoire.desktop', canFix: true, detail: null });
  });

  it("passes on installDesktopEntry's reason when xdg-mime refuses", async () => {
    const runner = scriptedRunner((command) => (command === 'xdg-mime' ? exited(3, '', 'no method\n') : exited(0)));
    const probes = createElectronDiagnosticsProbes(
      options({ app: new FakeProbeApp(), platform: 'linux', env: { APPIMAGE: '/home/ana/PG.AppImage' }, homeDir: home, runCommand: runner.run }),
    );
    await expect(probes.fixProtocolHandler()).resolves.toEqual({
      ok: false,
      reason: 'The desktop entry was written but could not be made the default: exited with 3: no method',
    });
  });
});

describe('Electron diagnostics probes: the log file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pg-log-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('shows an existing log file in its folder, and refuses one not yet written', async () => {
    const shown: string[] = [];
    const logFilePath = join(dir, 'main.log');
    const probes = createElectronDiagnosticsProbes(
      options({ app: new FakeProbeApp(), platform: 'linux', logFilePath, shell: { showItemInFolder: (path) => void shown.push(path) } }),
    );
    expect(probes.logFilePath()).toBe(logFilePath);
    await expect(probes.revealLogFile()).resolves.toEqual({ ok: false, reason: `The log file has not been written yet (${logFilePath}).` });
    await writeFile(logFilePath, 'info started\n');
    await expect(probes.revealLogFile()).resolves.toEqual({ ok: true });
    expect(shown).toEqual([logFilePath]);
  });
});
