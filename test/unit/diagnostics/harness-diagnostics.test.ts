// The e2e harness's diagnostics over real Node probes: the real xdg-mime (CI installs it),
// package.json's version, a real log file and a real loopback server.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthView, DiagnosticsView, IpcResult } from '../../../preload/api';
import { createCommandRunner } from '../../../main/diagnostics/command-runner';
import { DIAGNOSTICS_ERROR_CODES } from '../../../main/diagnostics/diagnostics-service';
import { createHarnessDiagnostics, HARNESS_STORAGE_BACKEND } from '../../e2e/targets/harness-diagnostics';
import { directConfig } from './configs';
import { startLoopback, type Loopback } from './loopback';
import { signedOutView } from '../../fixtures/auth-views';

const VIEW: AuthView = signedOutView();

function valueOf(result: IpcResult<DiagnosticsView>): DiagnosticsView {
  if (!result.ok) throw new Error(`expected a view, got ${result.code}: ${result.message}`);
  return result.value;
}

describe('createHarnessDiagnostics', () => {
  let dir: string;
  let server: Loopback;
  let run = 0;
  beforeEach(async () => {
    // Lower case and digits only: mkdtemp's mixed-case suffix would look like a token to
    // the redactor, which then blanks the path out of the view.
    run += 1;
    dir = join(tmpdir(), `pg-harness-diag-${process.pid}-${run}`);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir);
    server = await startLoopback(() => ({ status: 200, body: { keys: [] } }));
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  function setUp() {
    const copied: string[] = [];
    const logFilePath = join(dir, 'main.log');
    const service = createHarnessDiagnostics({
      config: directConfig(server.origin),
      currentView: () => VIEW,
      logFilePath,
      clipboard: { writeText: (text) => void copied.push(text) },
      // An empty HOME: xdg-mime answers for a user with no handler set.
      runCommand: createCommandRunner({ env: { PATH: '/usr/bin:/bin', HOME: dir } }),
      reachabilityTimeoutMs: 2000,
    });
    return { service, copied, logFilePath };
  }

  it("reports this machine's facts through the real probes", async () => {
    const { service } = setUp();
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    const view = valueOf(await service.get());
    expect(view).toMatchObject({
      appVersion: pkg.version,
      platform: process.platform,
      storage: { backend: HARNESS_STORAGE_BACKEND, encrypted: true },
      stytch: { reachable: true, detail: 'HTTP 200' },
      logFilePath: join(dir, 'main.log'),
    });
    // Linux: asked the real xdg-mime, which knows no handler in an empty home.
    expect(view.protocolHandler).toEqual({ isDefault: false, currentHandler: null, canFix: false });
    expect(view.report).toContain('Registered handler: none');
  });

  it('copies the report, never changes the handler, and reveals only a written log', async () => {
    const { service, copied, logFilePath } = setUp();
    const copiedView = valueOf(await service.copy());
    expect(copied).toEqual([copiedView.report]);
    expect(await service.fixProtocolHandler()).toMatchObject({ ok: false, code: DIAGNOSTICS_ERROR_CODES.cannotFix });
    expect(await service.revealLogFile()).toMatchObject({ ok: false, code: DIAGNOSTICS_ERROR_CODES.noLogFile });
    await writeFile(logFilePath, 'info started\n');
    expect(valueOf(await service.revealLogFile()).logFilePath).toBe(logFilePath);
  });
});
