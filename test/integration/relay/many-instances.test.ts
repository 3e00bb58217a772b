// Two relays on one Redis and one emulator enforce one set of limits and agree on invite
// owners and refused tokens; with Redis gone, they say they are not ready and refuse rather
// than count nothing. A real redis-server on loopback, started and stopped here.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../emulator/index';
import { createPkcePair } from '../../../main/auth/pkce';
import { startRelay, type RunningRelay, type StartRelayOptions } from '../../../relay/server';
import { startRedisServer, type RunningRedis } from '../../fixtures/redis-server';

let emulator: RunningEmulator;
let redis: RunningRedis;
let relays: RunningRelay[] = [];
const lines: string[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emulator.close();
});
afterEach(async () => {
  await Promise.all(relays.map((relay) => relay.close()));
  relays = [];
  await redis.stop();
});

async function twoRelays(options: Partial<StartRelayOptions> = {}): Promise<[RunningRelay, RunningRelay]> {
  redis = await startRedisServer();
  const start = () =>
    startRelay({
      port: 0,
      redisUrl: redis.url,
      stytch: { projectId: emulator.projectId, secret: emulator.secret, apiUrl: emulator.url },
      logLine: (line) => lines.push(line),
      ...options,
    });
  relays = [await start(), await start()];
  return relays as [RunningRelay, RunningRelay];
}

const pkce = createPkcePair();
async function call(relay: RunningRelay, method: string, path: string, body?: unknown, bearer?: string) {
  const response = await fetch(`${relay.url}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}
const send = (relay: RunningRelay, email: string) => call(relay, 'POST', '/v1/magic-links/send', { email, code_challenge: pkce.challenge });

async function signIn(relay: RunningRelay, email: string): Promise<string> {
  expect((await send(relay, email)).status).toBe(200);
  const token = emulator.latestMessage(email)?.token ?? '';
  const authed = await call(relay, 'POST', '/v1/magic-links/authenticate', { token, code_verifier: pkce.verifier });
  expect(authed.status).toBe(200);
  return String(authed.body['session_token']);
}

describe('relay: many instances on one Redis', () => {
  it('refuses the eleventh send for one email within the hour, whichever instance answers', async () => {
    const [a, b] = await twoRelays();
    for (let i = 0; i < 10; i += 1) expect((await send(i % 2 === 0 ? a : b, 'shared@example.com')).status).toBe(200);
    for (const relay of [a, b]) {
      const refused = await send(relay, 'shared@example.com');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3500);
    }
    expect(emulator.outbox('shared@example.com')).toHaveLength(10);
  });

  it('shares invite owners and refused tokens between instances', async () => {
    const [a, b] = await twoRelays({ invitesEnabled: true });
    const host = await signIn(a, 'host@example.com');
    const stranger = await signIn(b, 'stranger@example.com');
    expect((await call(a, 'POST', '/v1/invites', { email: 'guest@example.com' }, host)).status).toBe(200);
    expect((await call(b, 'POST', '/v1/invites/revoke', { email: 'guest@example.com' }, stranger)).status).toBe(404);
    expect((await call(b, 'POST', '/v1/invites/revoke', { email: 'guest@example.com' }, host)).status).toBe(200);

    const before = emulator.requestCount('/v1/sessions/authenticate');
    const fake = 'Z'.repeat(44);
    expect((await call(a, 'GET', '/v1/sessions', undefined, fake)).status).toBeGreaterThanOrEqual(401);
    expect((await call(b, 'GET', '/v1/sessions', undefined, fake)).status).toBeGreaterThanOrEqual(401);
    expect(emulator.requestCount('/v1/sessions/authenticate')).toBe(before + 1);
  });

  it('with Redis gone: /readyz is red, limits fail closed with a clear 503, /healthz stays green', async () => {
    const [a] = await twoRelays();
    expect((await call(a, 'GET', '/readyz')).status).toBe(200);
    await redis.stop();
    let ready = await call(a, 'GET', '/readyz');
    // The relay learns of the closed connection from the socket; ask until it has.
    while (ready.status === 200) ready = await call(a, 'GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ error_type: 'relay_not_ready' });
    const refused = await send(a, 'nobody@example.com');
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ error_type: 'relay_limits_unavailable' });
    expect(String(refused.body['error_message'])).toContain('rate limits');
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(emulator.outbox('nobody@example.com')).toHaveLength(0);
    expect((await call(a, 'GET', '/healthz')).status).toBe(200);
  });
});
