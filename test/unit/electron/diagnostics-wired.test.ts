// The app's diagnostics as main/index.ts builds them: the Electron probes inside the
// diagnostics service, on Linux, over the real xdg-mime (a fresh user's HOME), the real
// file system and a real loopback server. Only Electron's own objects are stand-ins.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIAGNOSTICS_FAILURE_CODES, type DiagnosticsView, type IpcResult } from '../../../preload/api';
import { createCommandRunner } from '../../../main/diagnostics/command-runner';
import { createDiagnosticsService } from '../../../main/diagnostics/diagnostics-service';
import { createElectronDiagnosticsProbes } from '../../../main/electron/diagnostics-probes';
import { directConfig } from '../diagnostics/configs';
import { startLoopback, type Loopback } from '../diagnostics/loopback';
import { FakeProbeApp, FakeSafeStorage, recordingLogger, SIGNED_OUT_VIEW } from './stand-ins';

function valueOf(result: IpcResult<DiagnosticsView>): DiagnosticsView {
  if (!result.ok) throw new Error(`expected a view, got ${result.code}: ${result.message}`);
  return result.value;
}

describe('the diagnostics main/index.ts wires, on this Linux machine', () => {
  let dir: string;
  let home: string;
  let server: Loopback;
  let run = 0;
  beforeEach(async () => {
    // Lower case and digits only: a mixed-case temp suffix would look like a token to the
    // redactor, which then blanks the path out of the view.
    run += 1;
    dir = join(tmpdir(), `pg-diag-wired-${process.pid}-${run}`);
    home = join(dir, 'home');
    await rm(dir, { recursive: true, force: true });
    await mkdir(home, { recursive: true });
    server = await startLoopback(() => ({ status: 200, body: { keys: [] } }));
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** The service as main/index.ts composes it, for a run that is packaged or an AppImage, or neither. */
  function wire(kind: { packaged: boolean; appImage?: string }) {
    const app = new FakeProbeApp();
    app.isPackaged = kind.packaged;
    const copied: string[] = [];
    const shown: string[] = [];
    const logFilePath = join(dir, 'logs', 'main.log');
    const service = createDiagnosticsService({
      config: directConfig(server.origin),
      currentView: () => SIGNED_OUT_VIEW,
      probes: createElectronDiagnosticsProbes({
        app,
        safeStorage: new FakeSafeStorage(true, 'gnome_libsecret'),
        shell: { showItemInFolder: (path) => void shown.push(path) },
        platform: 'linux',
        osRelease: '6.8.0',
        arch: 'x64',
        electronVersion: '45.5.0',
        env: kind.appImage === undefined ? {} : { APPIMAGE: kind.appImage },
        homeDir: home,
        // A bare environment: this HOME only, and no desktop session to change xdg-mime's method.
        runCommand: createCommandRunner({ env: { PATH: '/usr/bin:/bin', HOME: home } }),
        protocolClient: { defaultApp: !kind.packaged, execPath: '/opt/PromptGrimoire/promptgrimoire', argv: ['/opt/PromptGrimoire/promptgrimoire'] },
        logFilePath,
        fileExists: (path) => access(path).then(() => true, () => false),
      }),
      clipboard: { writeText: (text) => void copied.push(text) },
      logger: recordingLogger().logger,
      reachabilityTimeoutMs: 2000,
    });
    return { service, copied, shown, logFilePath };
  }

  it("reports the machine's real answers: no handler for a fresh user, the keystore, a reachable service, the log", async () => {
    const { service, logFilePath } = wire({ packaged: false });
    const view = valueOf(await service.get());
    expect(view).toMatchObject({
      appVersion: '0.1.0',
      platform: 'linux',
      protocolHandler: { isDefault: false, currentHandler: null, canFix: false },
      storage: { backend: 'gnome_libsecret', encrypted: true },
      stytch: { reachable: true, detail: 'HTTP 200' },
      logFilePath,
    });
    expect(view.report).toContain('Registered handler: none');
    expect(view.report).toContain('Version: 0.1.0 (development channel, development run)');
    expect(server.requests.map((request) => request.url)).toEqual([expect.stringMatching(/^\/v1\/sessions\/jwks\/project-test-/)]);
  });

  it('copies the report, refuses to fix a development run, and shows the log only once written', async () => {
    const { service, copied, shown, logFilePath } = wire({ packaged: false });
    const copiedView = valueOf(await service.copy());
    expect(copied).toEqual([copiedView.report]);
    expect(await service.fixProtocolHandler()).toMatchObject({ ok: false, code: DIAGNOSTICS_FAILURE_CODES.cannotFix });
    expect(valueOf(await service.get()).protocolHandler.isDefault).toBe(false);
    expect(await service.revealLogFile()).toEqual({
      ok: false,
      code: DIAGNOSTICS_FAILURE_CODES.noLogFile,
      message: `The log file has not been written yet (${logFilePath}).`,
    });
    expect(shown).toEqual([]);
    await mkdir(join(dir, 'logs'));
    await writeFile(logFilePath, 'info started\n');
    expect(valueOf(await service.revealLogFile()).logFilePath).toBe(logFilePath);
    expect(shown).toEqual([logFilePath]);
  });

  it('makes an AppImage the handler through the real xdg-mime, and then reports it as such', async () => {
    const { service } = wire({ packaged: true, appImage: '/home/ana/Apps/PromptGrimoire.AppImage' });
    const before = valueOf(await service.get());
    expect(before.protocolHandler).toEqual({ isDefault: false, currentHandler: null, canFix: true });
    const after = valueOf(await service.fixProtocolHandler());
    expect(after.protocolHandler).toEqual({ isDefault: true, currentHandler: 'promptgrimoire.desktop', canFix: true });
    expect(after.report).toContain('Registered handler: this app');
  });
});
