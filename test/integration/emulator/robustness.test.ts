// Bad input, injected faults, the redirect endpoint and the /__emulator/ test API. The rule
// under test: every answer is a Stytch-shaped JSON body and the server keeps serving.
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../emulator/index';
import type { Client } from './harness';
import { call, start, stytchError, uniqueEmail } from './harness';

let emulator: RunningEmulator;
let client: Client;
const opened: string[] = [];

beforeAll(async () => ({ emulator, client } = await start({ openInApp: (link) => void opened.push(link) })));
beforeEach(() => emulator.reset());
afterAll(async () => emulator.close());

async function stillServing(): Promise<void> {
  await expect(client.magicLinks.email.loginOrCreate({ email: uniqueEmail() })).resolves.toMatchObject({ status_code: 200 });
}

function expectStytchError(json: Record<string, unknown>, status: number, errorType: string): void {
  expect(json).toMatchObject({ status_code: status, error_type: errorType, error_url: `https://stytch.com/docs/api/errors/${status}#${errorType}` });
  expect(json['request_id']).toMatch(/^request-id-test-/);
  expect(json).not.toHaveProperty('error');
}

describe('bad input', () => {
  it.each([
    ['malformed JSON', '{"email":'],
    ['a JSON array', '[1,2]'],
    ['a wrong field type', { email: 42 }],
    ['a wrong nested type', { email: 'a@b.co', attributes: 'x' }],
    ['a non-integer expiry', { email: 'a@b.co', login_expiration_minutes: 'soon' }],
    ['a missing email', {}],
  ])('%s → 400 bad_request', async (_label, body) => {
    const res = await call(emulator, 'POST', '/v1/magic_links/email/login_or_create', body);
    expect(res.status).toBe(400);
    expectStytchError(res.json, 400, 'bad_request');
    await stillServing();
  });

  it('an unknown route → 404 route_not_found (with or without auth)', async () => {
    for (const [method, path] of [['GET', '/v1/nope'], ['POST', '/v1/users/x'], ['GET', '/elsewhere']] as const) {
      const res = await call(emulator, method, path, method === 'POST' ? {} : undefined);
      expect(res.status).toBe(404);
      expectStytchError(res.json, 404, 'route_not_found');
    }
    await stillServing();
  });

  it('missing or wrong credentials → 401 unauthorized_credentials', async () => {
    const none = await call(emulator, 'POST', '/v1/magic_links/authenticate', { token: 'x' }, false);
    expect(none.status).toBe(401);
    expectStytchError(none.json, 401, 'unauthorized_credentials');
    const wrong = await fetch(`${emulator.url}/v1/users/x`, { headers: { authorization: 'Basic bm90OnJpZ2h0' } });
    expect(wrong.status).toBe(401);
    expectStytchError((await wrong.json()) as Record<string, unknown>, 401, 'unauthorized_credentials');
    const garbage = await fetch(`${emulator.url}/v1/users/x`, { headers: { authorization: 'Basic %%%not-base64' } });
    expect(garbage.status).toBe(401);
    await stillServing();
  });

  it('a body over 1 MB → 400 bad_request, and the server keeps serving', async () => {
    const res = await call(emulator, 'POST', '/v1/magic_links/email/login_or_create', { email: 'a@b.co', pad: 'x'.repeat(1024 * 1024 + 10) });
    expect(res.status).toBe(400);
    expectStytchError(res.json, 400, 'bad_request');
    await stillServing();
  });

  it('malformed HTTP gets a JSON 400 and does not take the server down', async () => {
    const { hostname, port } = new URL(emulator.url);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => socket.write('BOGUS / HTTP/9.9\r\n\r\n'));
      let data = '';
      socket.on('data', (chunk: Buffer) => (data += chunk.toString()));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    expect(raw).toContain('"error_type":"bad_request"');
    await stillServing();
  });
});

describe('redirect (contract §5)', () => {
  it('302s to the redirect URL with the token appended, without consuming it', async () => {
    const email = uniqueEmail();
    await client.magicLinks.email.loginOrCreate({ email });
    const message = emulator.latestMessage(email);
    const res = await fetch(message?.link ?? '', { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`promptgrimoire://auth/callback?stytch_token_type=magic_links&token=${message?.token}`);
    await expect(client.magicLinks.authenticate({ token: message?.token ?? '' })).resolves.toMatchObject({ status_code: 200 });
  });

  it('keeps existing query parameters and 404s an unknown token', async () => {
    const email = uniqueEmail();
    await client.magicLinks.email.loginOrCreate({ email, signup_magic_link_url: 'https://app.example/cb?from=mail' });
    const message = emulator.latestMessage(email);
    const res = await fetch(message?.link ?? '', { redirect: 'manual' });
    expect(res.headers.get('location')).toBe(`https://app.example/cb?from=mail&stytch_token_type=magic_links&token=${message?.token}`);
    const unknown = await call(emulator, 'GET', '/v1/magic_links/redirect?token=nope', undefined, false);
    expect(unknown.status).toBe(404);
    expectStytchError(unknown.json, 404, 'magic_link_not_found');
  });
});

describe('direct links (contract §5 option)', () => {
  it('puts the final deep link in the email instead of the redirect endpoint', async () => {
    const direct = await start({ directLinks: true });
    try {
      const email = uniqueEmail();
      await direct.client.magicLinks.email.loginOrCreate({ email });
      const message = direct.emulator.latestMessage(email);
      expect(message?.link).toBe(`promptgrimoire://auth/callback?stytch_token_type=magic_links&token=${message?.token}`);
    } finally {
      await direct.emulator.close();
    }
  });
});

describe('fault injection', () => {
  it('answers the next N calls to a path with the given status and error_type', async () => {
    emulator.injectFault({ path: '/v1/magic_links/email/login_or_create', status: 503, error_type: 'internal_server_error', count: 2 });
    for (let i = 0; i < 2; i += 1) {
      expect(await stytchError(client.magicLinks.email.loginOrCreate({ email: uniqueEmail() }))).toMatchObject({ status_code: 503, error_type: 'internal_server_error' });
    }
    await stillServing();
    expect(emulator.outbox()).toHaveLength(1);
  });

  it('defaults to one 500 internal_server_error, and a known error_type brings its status', async () => {
    emulator.injectFault({ path: '/v1/sessions/authenticate', status: 500 });
    const error = await stytchError(client.sessions.authenticate({ session_token: 'x' }));
    expect(error).toMatchObject({ status_code: 500, error_type: 'internal_server_error' });
    expect(error.error_message).toContain('support@stytch.com');
    emulator.injectFault({ path: '/v1/magic_links/authenticate', error_type: 'too_many_requests' });
    expect(await stytchError(client.magicLinks.authenticate({ token: 'x' }))).toMatchObject({ status_code: 429, error_type: 'too_many_requests' });
  });

  it('adds latency', async () => {
    emulator.injectFault({ path: '/v1/magic_links/email/login_or_create', delay_ms: 300 });
    const started = performance.now();
    await stillServing();
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('drops the connection: the SDK sees a network error, the next call works', async () => {
    emulator.injectFault({ path: '/v1/magic_links/email/login_or_create', drop: true });
    const error = await client.magicLinks.email.loginOrCreate({ email: uniqueEmail() }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toHaveProperty('error_type');
    await stillServing();
  });

  it('can be injected and cleared over HTTP', async () => {
    const bad = await call(emulator, 'POST', '/__emulator/faults', { path: 42 }, false);
    expectStytchError(bad.json, 400, 'bad_request');
    expect((await call(emulator, 'POST', '/__emulator/faults', { path: '/v1/users/x', status: 502, count: 3 }, false)).status).toBe(200);
    expect((await call(emulator, 'GET', '/__emulator/faults', undefined, false)).json['faults']).toEqual([{ path: '/v1/users/x', status: 502, count: 3 }]);
    await call(emulator, 'DELETE', '/__emulator/faults', undefined, false);
    expect((await call(emulator, 'GET', '/__emulator/faults', undefined, false)).json['faults']).toEqual([]);
  });
});

describe('the /__emulator/ test API', () => {
  it('lists the outbox newest first, filters by email, clears it', async () => {
    const a = uniqueEmail('a');
    const b = uniqueEmail('b');
    await client.magicLinks.email.loginOrCreate({ email: a });
    await client.magicLinks.email.loginOrCreate({ email: b });
    const all = await fetch(`${emulator.url}/__emulator/outbox`).then((r) => r.json() as Promise<Array<{ to: string }>>);
    expect(all.map((m) => m.to)).toEqual([b, a]);
    const onlyA = await fetch(`${emulator.url}/__emulator/outbox?email=${encodeURIComponent(a.toUpperCase())}`).then((r) => r.json() as Promise<unknown[]>);
    expect(onlyA).toHaveLength(1);
    expect(onlyA[0]).toEqual(emulator.latestMessage(a));
    await fetch(`${emulator.url}/__emulator/outbox`, { method: 'DELETE' });
    expect(emulator.outbox()).toEqual([]);
  });

  it('advances the clock and resets state but keeps the key', async () => {
    const email = uniqueEmail();
    await client.magicLinks.email.loginOrCreate({ email });
    const token = emulator.latestMessage(email)?.token ?? '';
    const kid = (await client.sessions.getJWKS({ project_id: emulator.projectId })).keys[0]?.kid;
    expect((await call(emulator, 'POST', '/__emulator/clock', { advance_seconds: -1 }, false)).status).toBe(400);
    expect((await call(emulator, 'POST', '/__emulator/clock', { advance_seconds: 10080 * 60 }, false)).status).toBe(200);
    expect((await stytchError(client.magicLinks.authenticate({ token }))).error_type).toBe('unable_to_auth_magic_link');
    expect((await call(emulator, 'POST', '/__emulator/reset', undefined, false)).status).toBe(200);
    expect((await stytchError(client.magicLinks.authenticate({ token }))).error_type).toBe('magic_link_not_found');
    expect((await client.sessions.getJWKS({ project_id: emulator.projectId })).keys[0]?.kid).toBe(kid);
  });

  it('toggles the rate limit and counts requests', async () => {
    await call(emulator, 'POST', '/__emulator/rate-limit', { enabled: true }, false);
    const email = uniqueEmail();
    await client.magicLinks.email.loginOrCreate({ email });
    expect((await stytchError(client.magicLinks.email.loginOrCreate({ email }))).status_code).toBe(429);
    await call(emulator, 'POST', '/__emulator/rate-limit', { enabled: false }, false);
    const counted = await call(emulator, 'GET', '/__emulator/requests?path=/v1/magic_links/email/login_or_create', undefined, false);
    expect(counted.json['count']).toBe(2);
    expect(emulator.requestCount()).toBe(2);
  });

  it('open-in-app hands the final deep link to the hook', async () => {
    const email = uniqueEmail();
    await client.magicLinks.email.loginOrCreate({ email });
    const message = emulator.latestMessage(email);
    const res = await call(emulator, 'POST', `/__emulator/outbox/${message?.id ?? ''}/open-in-app`, undefined, false);
    expect(res.status).toBe(200);
    expect(opened).toContain(`promptgrimoire://auth/callback?stytch_token_type=magic_links&token=${message?.token}`);
    expect((await call(emulator, 'POST', '/__emulator/outbox/msg-unknown/open-in-app', undefined, false)).status).toBe(404);
  });

  it('serves the inbox page and its assets', async () => {
    const page = await fetch(`${emulator.url}/inbox`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('/inbox/inbox.js');
    expect((await fetch(`${emulator.url}/inbox/inbox.css`)).headers.get('content-type')).toContain('text/css');
    expect((await fetch(`${emulator.url}/inbox/inbox.js`)).status).toBe(200);
  });

  it('binds to loopback by default', () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // A plain node:http request proves the URL is what a client would dial.
    return new Promise<void>((resolve, reject) => {
      request(`${emulator.url}/inbox`, (res) => {
        res.resume();
        expect(res.statusCode).toBe(200);
        resolve();
      })
        .on('error', reject)
        .end();
    });
  });
});
