import { afterEach, describe, expect, it } from 'vitest';
import { DIAGNOSTICS_FAILURE_CODES, type AuthView, type DiagnosticsView, type IpcResult } from '../../../preload/api';
import {
  createDiagnosticsService,
  type DiagnosticsProbes,
  type ProbeOutcome,
  type ProtocolHandlerState,
} from '../../../main/diagnostics/diagnostics-service';
import { createLogger } from '../../../common/log/logger';
import type { Clipboard } from '../../../common/ports';
import { directConfig, PROJECT_ID, relayConfig, SECRET } from './configs';
import { refusedOrigin, startLoopback, type Loopback } from './loopback';
import { signedOutView } from '../../fixtures/auth-views';
import type { UpdateDiagnostics } from '../../../main/updates/update-policy';

// Real-looking values of everything that must never reach the page or the clipboard.
const SESSION_TOKEN = 'mZAYn5aLEqKUlZ_Ad9U_fWr38GaAQ1oFAhT8ds245v7Q';
const JWT =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6Imp3ay10ZXN0LTEifQ.eyJzdWIiOiJ1c2VyLXRlc3QtMSIsImV4cCI6MTcwMDAwMDAwMH0.c2lnbmF0dXJlLWJ5dGVzLWhlcmUtYW5kLW1vcmU';
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

const SIGNED_IN: AuthView = signedOutView({
  status: 'signed-in',
  email: 'ana@example.com',
  name: 'Ana',
  expiresAt: '2025-01-09T03:04:05.000Z',
});

class TestProbes implements DiagnosticsProbes {
  appVersion = '0.1.0';
  runtimeVersion = '45.5.0';
  packaged = true;
  platform = 'linux';
  osRelease = '6.8.0';
  arch = 'x64';
  linuxPackage: 'AppImage' | 'deb' | null = 'AppImage';
  handler: ProtocolHandlerState = { isDefault: false, currentHandler: 'electron-dev.desktop', canFix: true, detail: null };
  fixOutcome: ProbeOutcome = { ok: true };
  revealOutcome: ProbeOutcome = { ok: true };
  backend = 'gnome_libsecret';
  logFile: string | null = '/home/ana/.config/PromptGrimoire/logs/main.log';
  readonly calls: string[] = [];

  protocolHandler(): Promise<ProtocolHandlerState> {
    this.calls.push('protocolHandler');
    return Promise.resolve(this.handler);
  }
  fixProtocolHandler(): Promise<ProbeOutcome> {
    this.calls.push('fix');
    if (this.fixOutcome.ok) this.handler = { ...this.handler, isDefault: true, currentHandler: 'promptgrimoire.desktop' };
    return Promise.resolve(this.fixOutcome);
  }
  storageBackend(): string {
    return this.backend;
  }
  logFilePath(): string | null {
    return this.logFile;
  }
  revealLogFile(): Promise<ProbeOutcome> {
    this.calls.push('reveal');
    return Promise.resolve(this.revealOutcome);
  }
}

function valueOf(result: IpcResult<DiagnosticsView>): DiagnosticsView {
  if (!result.ok) throw new Error(`expected a view, got ${result.code}: ${result.message}`);
  return result.value;
}

describe('diagnostics service', () => {
  let server: Loopback | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  function setUp(
    origin: string,
    options: { view?: AuthView; clipboard?: Pick<Clipboard, 'writeText'>; config?: 'direct' | 'relay'; crashReportsUrl?: string; updates?: UpdateDiagnostics } = {},
  ) {
    const probes = new TestProbes();
    const copied: string[] = [];
    const lines: string[] = [];
    const service = createDiagnosticsService({
      config: { ...(options.config === 'relay' ? relayConfig(origin) : directConfig(origin)), crashReportsUrl: options.crashReportsUrl ?? null },
      currentView: () => options.view ?? SIGNED_IN,
      probes,
      clipboard: options.clipboard ?? { writeText: (text) => void copied.push(text) },
      logger: createLogger((level, line) => lines.push(`${level} ${line}`), { minLevel: 'debug' }),
      reachabilityTimeoutMs: 300,
      now: () => new Date('2025-01-02T03:04:05Z'),
      ...(options.updates ? { updates: () => options.updates as UpdateDiagnostics } : {}),
    });
    return { probes, copied, lines, service };
  }

  it('builds the view and its report from the probes, the view and a real network check', async () => {
    server = await startLoopback(() => ({ status: 200, body: { keys: [] } }));
    const { service } = setUp(server.origin);
    const view = valueOf(await service.get());
    expect(view).toEqual({
      appVersion: '0.1.0',
      channel: 'development',
      platform: 'linux',
      protocolHandler: { isDefault: false, currentHandler: 'electron-dev.desktop', canFix: true },
      storage: { backend: 'gnome_libsecret', encrypted: true },
      keyringReason: null,
      network: 'direct',
      stytch: {
        target: `Stytch at ${server.origin}/v1/sessions/jwks/${PROJECT_ID}`,
        reachable: true,
        latencyMs: expect.any(Number) as unknown,
        detail: 'HTTP 200',
      },
      logFilePath: '/home/ana/.config/PromptGrimoire/logs/main.log',
      crashReports: { enabled: false, server: null },
      updates: { mode: 'off', lastCheck: null },
      report: expect.any(String) as unknown,
    });
    expect(view.report).toContain('Crash reports: off');
    expect(view.report).toContain('Version: 0.1.0 (development channel, installed build)');
    expect(view.report).toContain('Installed as: AppImage');
    expect(view.report).toContain('Registered handler: another app: electron-dev.desktop');
    expect(view.report).toContain('Session: signed in; the session is stored encrypted on disk');
    expect(view.report).toMatch(/Stytch at http:\/\/127\.0\.0\.1:\d+\/v1\/sessions\/jwks\/project-test-[\w-]+: reachable in \d+ ms \(HTTP 200\)/);
    expect(view.report).toContain('This report holds no tokens, JWTs, verifiers or secrets.');
  });

  it('shows crash reports on, naming only the server’s origin', async () => {
    const { service } = setUp(await refusedOrigin(), { crashReportsUrl: 'https://crashes.example.org/submit/key-4f1b2c' });
    const view = valueOf(await service.get());
    expect(view.crashReports).toEqual({ enabled: true, server: 'https://crashes.example.org' });
    expect(view.report).toContain('Crash reports: on, sent to https://crashes.example.org');
    expect(view.report).not.toContain('key-4f1b2c');
  });

  it('shows the update mode, the last check and its result', async () => {
    const origin = await refusedOrigin();
    const never = valueOf(await setUp(origin, { updates: { mode: 'automatic', channel: 'stable', status: 'idle', lastCheck: null } }).service.get());
    expect(never.updates).toEqual({ mode: 'automatic', lastCheck: 'not yet' });
    expect(never.report).toContain('Updates: automatic (downloaded in the background, installed on quit)');
    expect(never.report).toContain('Last update check: not yet');
    const failed = valueOf(
      await setUp(origin, {
        updates: { mode: 'notify', channel: 'beta', status: 'idle', lastCheck: { at: '2025-01-02T03:00:00.000Z', result: 'failed', detail: 'net::ERR_INTERNET_DISCONNECTED' } },
      }).service.get(),
    );
    expect(failed.updates.lastCheck).toBe('2025-01-02T03:00:00.000Z, FAILED (net::ERR_INTERNET_DISCONNECTED)');
    const ready = valueOf(
      await setUp(origin, {
        updates: { mode: 'automatic', channel: 'stable', status: 'ready', lastCheck: { at: '2025-01-02T03:00:00.000Z', result: 'update-available', detail: '1.1.0' } },
      }).service.get(),
    );
    expect(ready.report).toContain('Last update check: 2025-01-02T03:00:00.000Z, update available (1.1.0); ready to install');
  });

  it('reports the relay as unreachable when the connection is refused', async () => {
    const { service } = setUp(await refusedOrigin(), { config: 'relay' });
    const view = valueOf(await service.get());
    expect(view.stytch).toMatchObject({ reachable: false, detail: 'connection refused: nothing is listening at that address' });
    expect(view.stytch.target).toMatch(/^Sign-in relay at http:\/\/127\.0\.0\.1:\d+\/healthz$/);
    expect(view.report).toContain('NOT reachable');
  });

  it('reports a server slower than the timeout as not reachable', async () => {
    server = await startLoopback(() => ({ status: 200, hang: true }));
    const view = valueOf(await setUp(server.origin).service.get());
    expect(view.stytch).toMatchObject({ reachable: false, detail: 'no answer within 300 ms' });
  });

  it('treats basic_text as no encryption, and a memory-only session as such', async () => {
    server = await startLoopback(() => ({ status: 200 }));
    const { probes, service } = setUp(server.origin, { view: { ...SIGNED_IN, persistence: 'memory-only' } });
    probes.backend = 'basic_text';
    const view = valueOf(await service.get());
    expect(view.storage).toEqual({ backend: 'basic_text', encrypted: false });
    expect(view.report).toContain('kept in memory only');
  });

  it('copies exactly the report to the clipboard, reusing a recent network check', async () => {
    server = await startLoopback(() => ({ status: 200 }));
    const { service, copied } = setUp(server.origin);
    const shown = valueOf(await service.get());
    const result = valueOf(await service.copy());
    expect(copied).toEqual([result.report]);
    expect(result.report).toBe(shown.report);
    expect(server.requests).toHaveLength(1);
  });

  it('answers a refused clipboard with a result, not a throw', async () => {
    server = await startLoopback(() => ({ status: 200 }));
    const clipboard: Pick<Clipboard, 'writeText'> = {
      writeText: () => {
        throw new Error('clipboard busy');
      },
    };
    const result = await setUp(server.origin, { clipboard }).service.copy();
    expect(result).toEqual({ ok: false, code: DIAGNOSTICS_FAILURE_CODES.clipboard, message: expect.any(String) as unknown });
  });

  it('fixes the protocol handler and answers with the new state', async () => {
    server = await startLoopback(() => ({ status: 200 }));
    const { service, probes } = setUp(server.origin);
    const view = valueOf(await service.fixProtocolHandler());
    expect(probes.calls).toContain('fix');
    expect(view.protocolHandler).toEqual({ isDefault: true, currentHandler: 'promptgrimoire.desktop', canFix: true });
    expect(view.report).toContain('Registered handler: this app');
  });

  it('refuses to fix when the installation cannot, and reports a failed fix with its reason', async () => {
    server = await startLoopback(() => ({ status: 200 }));
    const cannot = setUp(server.origin);
    cannot.probes.handler = { ...cannot.probes.handler, canFix: false };
    expect(await cannot.service.fixProtocolHandler()).toMatchObject({ ok: false, code: DIAGNOSTICS_FAILURE_CODES.cannotFix });
    expect(cannot.probes.calls).not.toContain('fix');

    const failing = setUp(server.origin);
    failing.probes.fixOutcome = { ok: false, reason: 'xdg-mime is not installed (package xdg-utils)' };
    expect(await failing.service.fixProtocolHandler()).toEqual({
      ok: false,
      code: DIAGNOSTICS_FAILURE_CODES.fixFailed,
      message: 'Sign-in links could not be pointed at this app: xdg-mime is not installed (package xdg-utils)',
    });
  });

  it('reveals the log file, or says why it cannot', async () => {
    server = await startLoopback(() => ({ status: 200 }));
    const { service, probes } = setUp(server.origin);
    expect(valueOf(await service.revealLogFile()).logFilePath).toBe('/home/ana/.config/PromptGrimoire/logs/main.log');
    probes.revealOutcome = { ok: false, reason: 'The log file has not been written yet.' };
    expect(await service.revealLogFile()).toEqual({ ok: false, code: DIAGNOSTICS_FAILURE_CODES.noLogFile, message: 'The log file has not been written yet.' });
    probes.logFile = null;
    expect(await service.revealLogFile()).toMatchObject({ ok: false, code: DIAGNOSTICS_FAILURE_CODES.noLogFile });
  });

  it('turns a probe that throws into a result and a log line', async () => {
    server = await startLoopback(() => ({ status: 200 }));
    const { service, probes, lines } = setUp(server.origin);
    probes.protocolHandler = () => Promise.reject(new Error('dbus went away'));
    expect(await service.get()).toMatchObject({ ok: false, code: DIAGNOSTICS_FAILURE_CODES.failed });
    expect(lines.join('\n')).toContain('dbus went away');
  });
});

describe('diagnostics service: no secrets in the view, the report or the log', () => {
  it('keeps tokens, JWTs, verifiers and the Stytch secret out, whatever the probes report', async () => {
    const server = await startLoopback(() => ({ status: 200 }));
    try {
      const probes = new TestProbes();
      probes.handler = { isDefault: false, currentHandler: `other.desktop --token=${SESSION_TOKEN}`, canFix: true, detail: `xdg said ${JWT}` };
      probes.backend = `kwallet ${VERIFIER}`;
      probes.logFile = `/tmp/${SESSION_TOKEN}/main.log`;
      probes.fixOutcome = { ok: false, reason: `refused for ${SECRET}` };
      const copied: string[] = [];
      const lines: string[] = [];
      const service = createDiagnosticsService({
        config: directConfig(server.origin),
        currentView: () => SIGNED_IN,
        probes,
        clipboard: { writeText: (text) => void copied.push(text) },
        logger: createLogger((level, line) => lines.push(line), { minLevel: 'debug' }),
        reachabilityTimeoutMs: 1000,
      });
      const results = [await service.get(), await service.copy(), await service.fixProtocolHandler(), await service.revealLogFile()];
      const everything = JSON.stringify({ results, copied, lines });
      for (const secret of [SECRET, SESSION_TOKEN, JWT, VERIFIER]) {
        expect(everything).not.toContain(secret);
        expect(everything).not.toContain(secret.slice(0, 16));
      }
      expect(copied[0]).toContain('[redacted]');
      // The secret was in the configuration all along, and the server was never sent it.
      expect(server.requests.every((request) => request.authorization === undefined)).toBe(true);
    } finally {
      await server.close();
    }
  });
});
