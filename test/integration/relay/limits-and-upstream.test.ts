// Rate limits (per IP, per email, behind a proxy) and what the caller sees when Stytch
// refuses, stalls or cannot be reached.
import { afterEach, describe, expect, it } from 'vitest';
import { createPkcePair } from '../../../main/auth/pkce';
import { anyString, startRelayRig, type RelayRig } from './harness';

let rig: RelayRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const challenge = createPkcePair().challenge;
const send = (r: RelayRig, email: string, headers: Record<string, string> = {}) =>
  r.request('POST', '/v1/magic-links/send', {
    body: JSON.stringify({ email, code_challenge: challenge }),
    headers: { 'content-type': 'application/json', ...headers },
  });

function expectRateLimited(response: { status: number; headers: Headers; body: Record<string, unknown> }): number {
  expect(response.status).toBe(429);
  expect(response.body).toMatchObject({ status_code: 429, error_type: 'too_many_requests', error_message: anyString });
  const seconds = response.body['retry_after_seconds'];
  expect(typeof seconds === 'number' && seconds > 0).toBe(true);
  expect(response.headers.get('retry-after')).toBe(String(seconds));
  return seconds as number;
}

describe('relay: rate limits', () => {
  it('limits one network across endpoints, with the wait until its window ends', async () => {
    rig = await startRelayRig({
      rateLimits: { perIp: { limit: 3, windowSeconds: 60 }, perEmail: { limit: 100, windowSeconds: 60 } },
    });
    expect((await send(rig, 'one@example.com')).status).toBe(200);
    expect((await rig.request('GET', '/v1/sessions/jwks')).status).toBe(200);
    expect((await rig.post('/v1/magic-links/authenticate', { token: 'x'.repeat(44) })).status).toBe(404);
    const before = rig.emulator.requestCount();
    const wait = expectRateLimited(await send(rig, 'two@example.com'));
    // A fixed window of 60 s (limits.test.ts steps the clock through its end).
    expect(wait).toBeGreaterThan(55);
    expect(wait).toBeLessThanOrEqual(60);
    expect(rig.emulator.requestCount()).toBe(before);
    // Health and readiness checks from a load balancer are never limited.
    expect((await rig.request('GET', '/healthz')).status).toBe(200);
    expect((await rig.request('GET', '/readyz')).status).toBe(200);
  });

  it('limits one email from one network however the address is spelled, and not other emails', async () => {
    rig = await startRelayRig({ rateLimits: { perIp: { limit: 100, windowSeconds: 60 }, perEmail: { limit: 2, windowSeconds: 3600 } } });
    expect((await send(rig, 'Target@Example.com')).status).toBe(200);
    expect((await send(rig, 'target@example.com')).status).toBe(200);
    const limited = await send(rig, 'TARGET@example.com');
    expect(expectRateLimited(limited)).toBeGreaterThan(3590);
    expect(limited.body['error_message']).toContain('email');
    expect(rig.emulator.outbox('target@example.com')).toHaveLength(2);
    expect((await send(rig, 'other@example.com')).status).toBe(200);
  });

  it('behind a trusted proxy, limits the client address the proxy saw, not the proxy', async () => {
    rig = await startRelayRig({
      trustProxyHops: 1,
      rateLimits: { perIp: { limit: 1, windowSeconds: 60 }, perEmail: { limit: 100, windowSeconds: 60 } },
    });
    // The client may write anything on the left; only the proxy's own entry counts.
    expect((await send(rig, 'p1@example.com', { 'x-forwarded-for': '1.1.1.1, 203.0.113.7' })).status).toBe(200);
    expectRateLimited(await send(rig, 'p2@example.com', { 'x-forwarded-for': '9.9.9.9, 203.0.113.7' }));
    expect((await send(rig, 'p3@example.com', { 'x-forwarded-for': '203.0.113.8' })).status).toBe(200);
    expect(rig.lines.some((line) => line.includes('"ip":"203.0.113.7"'))).toBe(true);
  });

  it('passes Stytch\u2019s own 429 through', async () => {
    rig = await startRelayRig();
    rig.emulator.setRateLimit(true);
    expect((await send(rig, 'fast@example.com')).status).toBe(200);
    const second = await send(rig, 'fast@example.com');
    expect(second.status).toBe(429);
    expect(second.body).toMatchObject({ status_code: 429, error_type: 'too_many_requests' });
  });
});

describe('relay: upstream failures', () => {
  it('passes Stytch errors through with the same status and error_type', async () => {
    rig = await startRelayRig();
    const { token } = await rig.sendLink('pkce@example.com');
    const mismatch = await rig.post('/v1/magic-links/authenticate', { token, code_verifier: createPkcePair().verifier });
    expect(mismatch).toMatchObject({ status: 400, body: { status_code: 400, error_type: 'pkce_mismatch', error_message: anyString } });
    const missing = await rig.post('/v1/magic-links/authenticate', { token });
    expect(missing).toMatchObject({ status: 400, body: { error_type: 'pkce_expected_code_verifier' } });
    const unknown = await rig.post('/v1/magic-links/authenticate', { token: 'Q'.repeat(44) });
    expect(unknown).toMatchObject({ status: 404, body: { error_type: 'magic_link_not_found' } });
    rig.emulator.injectFault({ path: '/v1/magic_links/email/login_or_create', status: 503, error_type: 'internal_server_error' });
    expect(await send(rig, 'x@example.com')).toMatchObject({ status: 503, body: { error_type: 'internal_server_error' } });
  });

  it('answers 504 relay_upstream_timeout when Stytch stalls past the timeout', async () => {
    rig = await startRelayRig({ stytch: { timeoutMs: 300 } });
    // Stytch never answers: only the relay's own 300 ms timeout can end this.
    rig.emulator.injectFault({ path: '/v1/magic_links/email/login_or_create', hang: true });
    const response = await send(rig, 'slow@example.com');
    expect(response).toMatchObject({ status: 504, body: { status_code: 504, error_type: 'relay_upstream_timeout' } });
  });

  it('answers 502 relay_upstream_unreachable when Stytch drops the connection or is gone', async () => {
    rig = await startRelayRig();
    rig.emulator.injectFault({ path: '/v1/magic_links/email/login_or_create', drop: true });
    expect(await send(rig, 'drop@example.com')).toMatchObject({ status: 502, body: { error_type: 'relay_upstream_unreachable' } });
    await rig.emulator.close();
    expect(await send(rig, 'gone@example.com')).toMatchObject({ status: 502, body: { error_type: 'relay_upstream_unreachable' } });
  });

  it('passes a wrong relay secret through as Stytch\u2019s 401 and never logs the secret', async () => {
    rig = await startRelayRig({ stytch: { secret: 'secret-test-this-is-the-wrong-one-1234' } });
    const response = await send(rig, 'cfg@example.com');
    expect(response).toMatchObject({ status: 401, body: { error_type: 'unauthorized_credentials' } });
    expect(rig.lines.join('\n')).not.toContain('secret-test-this-is-the-wrong-one-1234');
  });
});
