// The two gateways on the app's dispatcher: the Stytch SDK (which keeps only "fetch failed"
// of a network error) and the relay's undici calls both reach their server through the
// system's proxy, and both turn an inspecting proxy's untrusted certificate and a proxy's
// 407 into the codes a person gets a clear notice for.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startEmulator, type RunningEmulator } from '../../../emulator/index';
import { createPkcePair } from '../../../main/auth/pkce';
import { createSdkGateway } from '../../../main/auth/sdk-gateway';
import { createRoutingDispatcher, type RoutingDispatcher } from '../../../main/network/routing-dispatcher';
import { noticeFor } from '../../../main/auth/notices';
import { createRelayHttp } from '../../../main/relay/relay-http';
import type { Logger } from '../../../common/ports';
import { startHttpsServer, startInspectingProxy, startTunnelProxy, type LoopbackServer } from './loopback-proxies';
import { createTestCa, type TestCa } from './test-pki';

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
let publicCa: TestCa;
let companyCa: TestCa;
let upstream: LoopbackServer;
let emulator: RunningEmulator;
const open: { close: () => Promise<void> }[] = [];

beforeAll(async () => {
  publicCa = createTestCa('Test Public Root');
  companyCa = createTestCa('Example Corp Inspection CA');
  upstream = await startHttpsServer(publicCa.issue('upstream'));
  emulator = await startEmulator({ port: 0 });
});

afterAll(async () => {
  await Promise.all([upstream.close(), emulator.close()]);
  publicCa.dispose();
  companyCa.dispose();
});

afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function started(server: Promise<LoopbackServer>): Promise<LoopbackServer> {
  const value = await server;
  open.push(value);
  return value;
}

function network(answer: string, system: string[] = []): RoutingDispatcher {
  const made = createRoutingDispatcher(
    { resolveProxy: () => Promise.resolve(answer), caSources: { defaults: () => [publicCa.cert], system: () => system } },
    { timeoutMs: 5_000, logger: quiet },
  );
  open.push(made);
  return made;
}

function sdk(baseUrl: string, routed: RoutingDispatcher) {
  return createSdkGateway({ projectId: emulator.projectId, secret: emulator.secret, baseUrl, timeoutMs: 5_000, logger: quiet, network: routed });
}

const send = (email: string) => ({
  email,
  callbackUrl: 'promptgrimoire://auth/callback',
  loginExpirationMinutes: 15,
  signupExpirationMinutes: 15,
  codeChallenge: createPkcePair().challenge,
});

describe('the Stytch SDK gateway on the system proxy', () => {
  it('sends a link through the proxy the system names', async () => {
    const proxy = await started(startTunnelProxy());
    const result = await sdk(emulator.url, network(`PROXY 127.0.0.1:${proxy.port}`)).sendMagicLink(send('proxied@example.com'));
    expect(result).toMatchObject({ ok: true });
    expect(proxy.connects).toEqual([new URL(emulator.url).host]);
    expect(emulator.outbox('proxied@example.com')).toHaveLength(1);
  });

  it('says the connection was intercepted when the company CA is not trusted', async () => {
    const proxy = await started(startInspectingProxy(companyCa.issue('inspected'), publicCa.cert));
    const result = await sdk(`https://127.0.0.1:${upstream.port}`, network(`PROXY 127.0.0.1:${proxy.port}`)).sendMagicLink(send('a@example.com'));
    expect(result).toMatchObject({ ok: false, failure: { code: 'certificate-untrusted' } });
    expect(noticeFor('certificate-untrusted').message).toMatch(/^The connection to the sign-in service was intercepted by a certificate this computer does not trust/);
  });

  it('says the proxy wants a password', async () => {
    const proxy = await started(startTunnelProxy({ password: 'hunter2' }));
    const result = await sdk(emulator.url, network(`PROXY 127.0.0.1:${proxy.port}`)).sendMagicLink(send('b@example.com'));
    expect(result).toMatchObject({ ok: false, failure: { code: 'proxy-auth-required' } });
  });

  it('an unreachable server is still "offline", not a proxy or certificate problem', async () => {
    const result = await sdk('http://127.0.0.1:1', network('DIRECT')).sendMagicLink(send('c@example.com'));
    expect(result).toMatchObject({ ok: false, failure: { code: 'offline' } });
  });
});

describe('the relay client on the system proxy', () => {
  const shape = z.object({ path: z.string() });
  const relay = (routed: RoutingDispatcher) => createRelayHttp({ relayUrl: `https://127.0.0.1:${upstream.port}`, timeoutMs: 5_000, logger: quiet, network: routed });

  it('reaches the relay through an inspecting proxy whose company CA is in the system store', async () => {
    const proxy = await started(startInspectingProxy(companyCa.issue('inspected'), publicCa.cert));
    const result = await relay(network(`PROXY 127.0.0.1:${proxy.port}`, [companyCa.cert])).call('probe', { method: 'GET', path: '/v1/ok' }, shape);
    expect(result).toEqual({ ok: true, value: { path: '/v1/ok' } });
  });

  it('names the untrusted certificate and the 407', async () => {
    const inspecting = await started(startInspectingProxy(companyCa.issue('inspected'), publicCa.cert));
    const locked = await started(startTunnelProxy({ password: 'hunter2' }));
    expect(await relay(network(`PROXY 127.0.0.1:${inspecting.port}`)).call('probe', { method: 'GET', path: '/' }, shape)).toMatchObject({
      ok: false,
      failure: { code: 'certificate-untrusted' },
    });
    expect(await relay(network(`PROXY 127.0.0.1:${locked.port}`)).call('probe', { method: 'GET', path: '/' }, shape)).toMatchObject({
      ok: false,
      failure: { code: 'proxy-auth-required' },
    });
  });
});
