// The app's dispatcher against real proxies on loopback: direct, a tunnelling proxy from
// "system settings", a TLS-inspecting proxy whose company CA is (or is not) in the system
// store, and a proxy that wants a password.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { createRoutingDispatcher, RoutingDispatcher } from '../../../main/network/routing-dispatcher';
import { networkProblem } from '../../../main/network/network-problems';
import { createTestCa, type Leaf, type TestCa } from './test-pki';
import { startHttpsServer, startInspectingProxy, startTunnelProxy, type LoopbackServer } from './loopback-proxies';
import type { Logger } from '../../../common/ports';

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

let publicCa: TestCa;
let companyCa: TestCa;
let upstream: LoopbackServer;
let upstreamUrl: string;
let companyLeaf: Leaf;
const open: { close: () => Promise<void> }[] = [];

beforeAll(async () => {
  publicCa = createTestCa('Test Public Root');
  companyCa = createTestCa('Example Corp Inspection CA');
  companyLeaf = companyCa.issue('inspected');
  upstream = await startHttpsServer(publicCa.issue('upstream'));
  upstreamUrl = `https://127.0.0.1:${upstream.port}`;
});

afterAll(async () => {
  await upstream.close();
  publicCa.dispose();
  companyCa.dispose();
});

afterEach(async () => {
  // Newest first: the dispatchers drop their tunnels before the proxies stop.
  for (const item of open.splice(0).reverse()) await item.close();
});

/** The public CA stands in for Node's bundled roots; `system` is the OS store. */
function dispatcher(answer: string | (() => Promise<string>), system: string[] = []): RoutingDispatcher {
  const resolveProxy = typeof answer === 'string' ? () => Promise.resolve(answer) : answer;
  const made = createRoutingDispatcher({ resolveProxy, caSources: { defaults: () => [publicCa.cert], system: () => system } }, { timeoutMs: 5_000, logger: quiet });
  open.push(made);
  return made;
}

async function started<T extends { close: () => Promise<void> }>(server: Promise<T>): Promise<T> {
  const value = await server;
  open.push(value);
  return value;
}

describe('routing dispatcher', () => {
  it('goes direct when the system says DIRECT', async () => {
    const net = dispatcher('DIRECT');
    const answer = await request(`${upstreamUrl}/direct`, { dispatcher: net });
    expect(await answer.body.json()).toEqual({ path: '/direct', inspected: null });
  });

  it('tunnels through the proxy the system names, for undici request and for fetch (the Stytch SDK path)', async () => {
    const proxy = await started(startTunnelProxy());
    const net = dispatcher(`PROXY 127.0.0.1:${proxy.port}; DIRECT`);
    const viaRequest = await request(`${upstreamUrl}/a`, { dispatcher: net });
    expect(viaRequest.statusCode).toBe(200);
    await viaRequest.body.dump();
    const viaFetch = await fetch(`${upstreamUrl}/b`, { dispatcher: net } as RequestInit);
    expect(await viaFetch.json()).toEqual({ path: '/b', inspected: null });
    expect(proxy.connects).toContain(`127.0.0.1:${upstream.port}`);
    expect(await net.routeFor(upstreamUrl)).toEqual({ kind: 'proxy', scheme: 'http', host: '127.0.0.1', port: proxy.port });
  });

  it('works through a TLS-inspecting proxy when its company CA is in the system store', async () => {
    const proxy = await started(startInspectingProxy(companyLeaf, publicCa.cert));
    const net = dispatcher(`PROXY 127.0.0.1:${proxy.port}`, [companyCa.cert]);
    const answer = await request(`${upstreamUrl}/inspected`, { dispatcher: net });
    expect(answer.headers['x-inspected-by']).toBe('company-proxy');
    expect(await answer.body.json()).toEqual({ path: '/inspected', inspected: null });
    expect(net.problemFor(upstreamUrl)).toBeNull();
  });

  it('names an untrusted certificate when the company CA is not installed, and recovers once it is answered', async () => {
    const proxy = await started(startInspectingProxy(companyLeaf, publicCa.cert));
    const net = dispatcher(`PROXY 127.0.0.1:${proxy.port}`);
    const error = await request(`${upstreamUrl}/x`, { dispatcher: net }).then(() => null, (failure: unknown) => failure);
    expect(networkProblem(error)).toBe('certificate-untrusted');
    expect(net.problemFor(upstreamUrl)).toBe('certificate-untrusted');
    // fetch keeps the real error only as its cause; the dispatcher still knows.
    const fetchError = await fetch(`${upstreamUrl}/y`, { dispatcher: net } as RequestInit).then(() => null, (failure: unknown) => failure);
    expect(fetchError).toBeInstanceOf(TypeError);
    expect(networkProblem(fetchError)).toBe('certificate-untrusted');
  });

  it('names a proxy that wants a password, and passes with none needed', async () => {
    const locked = await started(startTunnelProxy({ password: 'hunter2' }));
    const net = dispatcher(`PROXY 127.0.0.1:${locked.port}`);
    const error = await request(`${upstreamUrl}/locked`, { dispatcher: net }).then(() => null, (failure: unknown) => failure);
    expect(networkProblem(error)).toBe('proxy-auth-required');
    expect(net.problemFor(upstreamUrl)).toBe('proxy-auth-required');
  });

  it('a resolver that fails means direct, not a stuck app', async () => {
    const net = dispatcher(() => Promise.reject(new Error('no session yet')));
    const answer = await request(`${upstreamUrl}/fallback`, { dispatcher: net });
    expect(answer.statusCode).toBe(200);
    await answer.body.dump();
  });

  it('a hostile answer cannot point the call anywhere: unusable entries are skipped', async () => {
    const net = dispatcher('PROXY evil.example/path@127.0.0.1:1; SOCKS5 127.0.0.1:1; DIRECT');
    expect(await net.routeFor(upstreamUrl)).toEqual({ kind: 'direct' });
    const answer = await request(`${upstreamUrl}/safe`, { dispatcher: net });
    expect(answer.statusCode).toBe(200);
    await answer.body.dump();
  });
});

describe('route cache', () => {
  it('asks the system once a minute per origin, again after a change or a failed connection', async () => {
    let now = 0;
    const asked: string[] = [];
    const net = new RoutingDispatcher({
      resolveProxy: (url) => (asked.push(url), Promise.resolve('DIRECT')),
      ca: [publicCa.cert],
      timeoutMs: 5_000,
      clock: { now: () => now },
      logger: quiet,
    });
    open.push(net);
    await net.routeFor(`${upstreamUrl}/one`);
    await net.routeFor(`${upstreamUrl}/two`);
    expect(asked).toEqual([upstreamUrl]);
    now = 60_000;
    await net.routeFor(upstreamUrl);
    expect(asked).toHaveLength(2);
    net.forgetRoutes();
    await net.routeFor(upstreamUrl);
    expect(asked).toHaveLength(3);
    const refused = await request('https://127.0.0.1:1/', { dispatcher: net }).then(() => null, (failure: unknown) => failure);
    expect(refused).not.toBeNull();
    await net.routeFor('https://127.0.0.1:1/');
    expect(asked.filter((url) => url === 'https://127.0.0.1:1')).toHaveLength(2);
  });
});

describe('a closed dispatcher', () => {
  it('fails a request with a clear error, for old- and new-style handlers alike', async () => {
    const net = dispatcher('DIRECT');
    await net.close();
    const viaRequest = await request(`${upstreamUrl}/late`, { dispatcher: net }).then(() => null, (failure: unknown) => failure);
    expect(String(viaRequest)).toContain('the network dispatcher is closed');
    const errors: string[] = [];
    net.dispatch({ origin: upstreamUrl, path: '/', method: 'GET' }, { onResponseError: (_controller, error) => errors.push(error.message) });
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toEqual(['the network dispatcher is closed']);
  });
});
