// Diagnostics on a proxied network: the connectivity check takes sign-in's route, and the
// report and the screen say which route that is; on Linux they also say why the keyring in
// use was chosen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiagnosticsService, type DiagnosticsProbes } from '../../../main/diagnostics/diagnostics-service';
import type { NetworkSettings } from '../../../main/network/routing-dispatcher';
import type { DiagnosticsView, IpcResult } from '../../../preload/api';
import type { Logger } from '../../../common/ports';
import { signedOutView } from '../../fixtures/auth-views';
import { directConfig } from '../../unit/diagnostics/configs';
import { startHttpsServer, startTunnelProxy, type LoopbackServer } from './loopback-proxies';
import { createTestCa, type TestCa } from './test-pki';

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const probes: DiagnosticsProbes = {
  appVersion: '0.1.0',
  runtimeVersion: '45.5.0',
  packaged: true,
  platform: 'linux',
  osRelease: '6.8.0',
  arch: 'x64',
  linuxPackage: null,
  protocolHandler: () => Promise.resolve({ isDefault: true, currentHandler: null, canFix: false, detail: null }),
  fixProtocolHandler: () => Promise.resolve({ ok: true }),
  storageBackend: () => 'gnome_libsecret',
  logFilePath: () => null,
  revealLogFile: () => Promise.resolve({ ok: true }),
};

let ca: TestCa;
let upstream: LoopbackServer;
let proxy: LoopbackServer;

beforeAll(async () => {
  ca = createTestCa('Test Public Root');
  upstream = await startHttpsServer(ca.issue('upstream'));
  proxy = await startTunnelProxy();
});

afterAll(async () => {
  await Promise.all([proxy.close(), upstream.close()]);
  ca.dispose();
});

function valueOf(result: IpcResult<DiagnosticsView>): DiagnosticsView {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.value;
}

function service(answer: string, extra: Partial<Parameters<typeof createDiagnosticsService>[0]> = {}) {
  const network: NetworkSettings = { resolveProxy: () => Promise.resolve(answer), caSources: { defaults: () => [ca.cert], system: () => [] } };
  return createDiagnosticsService({
    config: directConfig(`https://127.0.0.1:${upstream.port}`),
    currentView: () => signedOutView(),
    probes,
    clipboard: { writeText: () => undefined },
    logger: quiet,
    network,
    ...extra,
  });
}

describe('diagnostics on the system proxy', () => {
  it('checks Stytch through the proxy the system names and says so', async () => {
    const before = proxy.connects.length;
    const view = valueOf(await service(`PROXY 127.0.0.1:${proxy.port}; DIRECT`).get());
    expect(view.network).toBe(`through proxy 127.0.0.1:${proxy.port} (from system settings)`);
    expect(view.stytch.reachable).toBe(true);
    expect(proxy.connects.length).toBe(before + 1);
    expect(view.report).toContain(`Network: through proxy 127.0.0.1:${proxy.port} (from system settings)`);
  });

  it('says direct when the system says DIRECT', async () => {
    const view = valueOf(await service('DIRECT').get());
    expect(view.network).toBe('direct');
    expect(view.report).toContain('Network: direct');
  });

  it('says which keyring was chosen and why', async () => {
    const keyringChoice = { passwordStore: 'gnome-libsecret' as const, reason: 'the desktop (sway) is not one Chromium recognises; a Secret Service is running' };
    const view = valueOf(await service('DIRECT', { keyringChoice }).get());
    expect(view.keyringReason).toBe(keyringChoice.reason);
    expect(view.report).toContain(`Keyring choice: --password-store=gnome-libsecret, because ${keyringChoice.reason}`);
    const untouched = valueOf(await service('DIRECT', { keyringChoice: { passwordStore: null, reason: 'Chromium recognises the GNOME desktop and picks its keyring itself' } }).get());
    expect(untouched.report).toContain("Keyring choice: Chromium's own, because Chromium recognises the GNOME desktop");
  });
});
