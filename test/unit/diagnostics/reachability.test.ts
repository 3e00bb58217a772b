import { afterEach, describe, expect, it } from 'vitest';
import {
  checkReachability,
  reachabilityTarget,
  STYTCH_LIVE_API,
  STYTCH_TEST_API,
} from '../../../main/diagnostics/reachability';
import { directConfig, emulatorConfig, PROJECT_ID, relayConfig, SECRET, stytchConfig } from './configs';
import { refusedOrigin, startLoopback, type Loopback } from './loopback';

describe('reachabilityTarget', () => {
  it('asks a configured Stytch-compatible base URL for the project JWKS', () => {
    expect(reachabilityTarget(directConfig('http://127.0.0.1:9'))).toEqual({
      kind: 'stytch',
      url: `http://127.0.0.1:9/v1/sessions/jwks/${PROJECT_ID}`,
    });
  });

  it('picks test.stytch.com or api.stytch.com by the project id when no base URL is set', () => {
    expect(reachabilityTarget(stytchConfig(PROJECT_ID, SECRET)).url).toBe(`${STYTCH_TEST_API}/v1/sessions/jwks/${PROJECT_ID}`);
    const live = 'project-live-0b1c2d3e-4f50-4a61-8b72-9c83d4e5f607';
    expect(reachabilityTarget(stytchConfig(live, 'secret-live-Xq7vB2mK9pL4nR8sT1wY5zA3cD6fG0hJ2kM=')).url).toBe(
      `${STYTCH_LIVE_API}/v1/sessions/jwks/${live}`,
    );
  });

  it("asks the relay's /healthz in relay mode and names the emulator as such", () => {
    expect(reachabilityTarget(relayConfig('https://signin-relay.example.org'))).toEqual({
      kind: 'relay',
      url: 'https://signin-relay.example.org/healthz',
    });
    expect(reachabilityTarget(emulatorConfig())).toMatchObject({ kind: 'emulator', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v1\/sessions\/jwks\/project-test-/) as unknown });
  });
});

describe('checkReachability against a real loopback server', () => {
  let server: Loopback | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('reports a 200 as reachable with its latency, sending no credentials', async () => {
    server = await startLoopback(() => ({ status: 200, body: { keys: [] } }));
    const target = reachabilityTarget(directConfig(server.origin));
    const result = await checkReachability(target, { timeoutMs: 2000 });
    expect(result).toEqual({ ...target, reachable: true, latencyMs: expect.any(Number) as unknown, detail: 'HTTP 200' });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(result.latencyMs).toBeLessThan(2000);
    expect(server.requests).toEqual([{ method: 'GET', url: `/v1/sessions/jwks/${PROJECT_ID}`, authorization: undefined }]);
  });

  it('gives up on a server slower than the timeout, and says so', async () => {
    server = await startLoopback(() => ({ status: 200, hang: true }));
    const target = reachabilityTarget(relayConfig(server.origin));
    const result = await checkReachability(target, { timeoutMs: 300 });
    expect(result).toMatchObject({ kind: 'relay', reachable: false, detail: 'no answer within 300 ms' });
    expect(result.latencyMs).toBeGreaterThanOrEqual(250);
  });

  it('explains a refused connection', async () => {
    const target = reachabilityTarget(directConfig(await refusedOrigin()));
    const result = await checkReachability(target, { timeoutMs: 2000 });
    expect(result).toMatchObject({ reachable: false, detail: 'connection refused: nothing is listening at that address' });
  });

  it('counts an answer that is not 2xx as not reachable, with the status', async () => {
    server = await startLoopback((request) => ({ status: request.url?.includes('jwks') ? 404 : 503 }));
    const stytch = await checkReachability(reachabilityTarget(directConfig(server.origin)), { timeoutMs: 2000 });
    expect(stytch).toMatchObject({ reachable: false, detail: 'HTTP 404: the service does not know this project id' });
    const relay = await checkReachability(reachabilityTarget(relayConfig(server.origin)), { timeoutMs: 2000 });
    expect(relay).toMatchObject({ reachable: false, detail: 'HTTP 503: the service answered with an error on its side' });
  });
});
