// What the relay refuses, and how: bad bodies, missing or wrong credentials, other users'
// sessions, disabled features, browsers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPkcePair } from '../../../main/auth/pkce';
import { anyString, corsHeaders, startRelayRig, type RelayRig, type SignedIn } from './harness';

let rig: RelayRig;
let alice: SignedIn;
let bob: SignedIn;
const challenge = createPkcePair().challenge;

beforeAll(async () => {
  rig = await startRelayRig({ maxBodyBytes: 16 * 1024 });
  alice = await rig.signIn('alice@example.com');
  bob = await rig.signIn('bob@example.com');
});
afterAll(async () => rig.close());

function expectBadRequest(response: { status: number; body: Record<string, unknown> }, mention: string): void {
  expect(response.status).toBe(400);
  expect(response.body).toMatchObject({ status_code: 400, error_type: 'bad_request', request_id: anyString });
  expect(response.body['error_message']).toContain(mention);
}

describe('relay: body validation', () => {
  it('refuses a client-supplied callback URL, expiry or session length, and sends nothing', async () => {
    const before = rig.emulator.requestCount();
    for (const [field, value] of [
      ['login_magic_link_url', 'https://evil.example/steal'],
      ['signup_magic_link_url', 'promptgrimoire://auth/callback'],
      ['login_expiration_minutes', 10080],
      ['create_user_as_pending', true],
    ] as const) {
      const response = await rig.post('/v1/magic-links/send', { email: 'a@example.com', code_challenge: challenge, [field]: value });
      expectBadRequest(response, `unknown field "${field}"`);
    }
    const auth = await rig.post('/v1/magic-links/authenticate', { token: alice.linkToken, session_duration_minutes: 527040 });
    expectBadRequest(auth, 'unknown field "session_duration_minutes"');
    expect(rig.emulator.requestCount()).toBe(before);
  });

  it('names each field with a wrong type or shape', async () => {
    expectBadRequest(await rig.post('/v1/magic-links/send', { email: 42, code_challenge: challenge }), 'email: must be a string');
    const malformed = await rig.post('/v1/magic-links/send', { email: 'not-an-email', code_challenge: challenge });
    // Stytch's own name for it, so the app tells the person to fix the address.
    expect(malformed).toMatchObject({ status: 400, body: { error_type: 'invalid_email', error_message: 'email: must be an email address' } });
    expectBadRequest(await rig.post('/v1/magic-links/send', { email: 'a@example.com' }), 'code_challenge: is required');
    expectBadRequest(await rig.post('/v1/magic-links/send', { email: 'a@example.com', code_challenge: 'plain' }), 'code_challenge: must be the base64url');
    expectBadRequest(await rig.post('/v1/magic-links/authenticate', { token: ['x'] }), 'token: must be a string');
    expectBadRequest(await rig.post('/v1/magic-links/authenticate', { token: 'a'.repeat(44), code_verifier: 'short' }), 'code_verifier');
    expectBadRequest(await rig.post('/v1/magic-links/send', [1, 2]), 'body: must be a JSON object');
    expectBadRequest(await rig.post('/v1/sessions/authenticate', { session_duration_minutes: 5 }, alice.session_token), 'unknown field');
  });

  it('refuses malformed JSON with 400', async () => {
    const response = await rig.request('POST', '/v1/magic-links/send', { body: '{"email": "a@example.com",', headers: { 'content-type': 'application/json' } });
    expectBadRequest(response, 'not valid JSON');
  });

  it('refuses a body that is not declared as JSON with 415', async () => {
    const response = await rig.request('POST', '/v1/magic-links/send', {
      body: JSON.stringify({ email: 'a@example.com', code_challenge: challenge }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(response.status).toBe(415);
    expect(response.body).toMatchObject({ error_type: 'relay_unsupported_media_type' });
  });

  it('refuses a body over the limit with 413, before Stytch hears of it', async () => {
    const before = rig.emulator.requestCount();
    const big = JSON.stringify({ email: 'a@example.com', code_challenge: challenge, padding: 'x'.repeat(17 * 1024) });
    const response = await rig.request('POST', '/v1/magic-links/send', { body: big, headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ status_code: 413, error_type: 'request_too_large' });
    expect(rig.emulator.requestCount()).toBe(before);
  });
});

describe('relay: who may call', () => {
  it('asks for the session token when it is missing', async () => {
    for (const [method, path] of [
      ['POST', '/v1/sessions/authenticate'],
      ['POST', '/v1/sessions/revoke'],
      ['GET', '/v1/sessions'],
      ['POST', '/v1/magic-links/embeddable'],
      ['DELETE', `/v1/sessions/${alice.session.session_id}`],
    ] as const) {
      const response = await rig.request(method, path, method === 'POST' ? { body: '{}', headers: { 'content-type': 'application/json' } } : {});
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(response.body).toMatchObject({ error_type: 'relay_session_token_required' });
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('refuses a malformed Authorization header and passes Stytch\u2019s answer for an unknown token', async () => {
    const basic = await rig.request('GET', '/v1/sessions', { headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } });
    expect(basic).toMatchObject({ status: 401, body: { error_type: 'relay_invalid_authorization' } });
    const unknown = await rig.post('/v1/sessions/authenticate', {}, 'Z'.repeat(44));
    expect(unknown).toMatchObject({ status: 404, body: { status_code: 404, error_type: 'session_not_found' } });
  });

  it('refuses to revoke another user\u2019s session and leaves it alive', async () => {
    const attempt = await rig.request('DELETE', `/v1/sessions/${bob.session.session_id}`, {
      headers: { authorization: `Bearer ${alice.session_token}` },
    });
    expect(attempt.status).toBe(404);
    expect(attempt.body).toMatchObject({ error_type: 'session_not_found' });
    expect((await rig.post('/v1/sessions/authenticate', {}, bob.session_token)).status).toBe(200);
    expect(rig.lines.some((line) => line.includes('does not own'))).toBe(true);
  });

  it('never lists another user\u2019s sessions', async () => {
    const listed = await rig.request('GET', '/v1/sessions', { headers: { authorization: `Bearer ${alice.session_token}` } });
    const ids = (listed.body['sessions'] as { session_id: string }[]).map((s) => s.session_id);
    expect(ids).toContain(alice.session.session_id);
    expect(ids).not.toContain(bob.session.session_id);
  });

  it('refuses a malformed session id', async () => {
    const response = await rig.request('DELETE', '/v1/sessions/..%2Fusers', { headers: { authorization: `Bearer ${alice.session_token}` } });
    expectBadRequest(response, 'session_id');
  });

  it('answers invites as unknown endpoints while they are disabled', async () => {
    for (const path of ['/v1/invites', '/v1/invites/revoke']) {
      const response = await rig.post(path, { email: 'guest@example.com' }, alice.session_token);
      expect(response.status, path).toBe(404);
      expect(response.body).toMatchObject({ error_type: 'route_not_found' });
    }
    expect(rig.emulator.requestCount('/v1/magic_links/email/invite')).toBe(0);
  });

  it('404s unknown endpoints and 405s wrong methods', async () => {
    expect(await rig.request('GET', '/v1/users')).toMatchObject({ status: 404, body: { error_type: 'route_not_found' } });
    const wrong = await rig.request('GET', '/v1/magic-links/send');
    expect(wrong).toMatchObject({ status: 405, body: { error_type: 'method_not_allowed' } });
    expect(wrong.headers.get('allow')).toBe('POST');
  });
});

describe('relay: no browsers', () => {
  it('sends no CORS headers, even to a request that asks', async () => {
    const responses = await Promise.all([
      rig.request('GET', '/healthz', { headers: { origin: 'https://evil.example' } }),
      rig.request('GET', '/healthz'),
      rig.post('/v1/magic-links/send', { email: 'cors@example.com', code_challenge: challenge }),
      rig.request('GET', '/v1/nothing'),
    ]);
    for (const response of responses) expect(corsHeaders(response.headers)).toEqual([]);
  });

  it('refuses preflight', async () => {
    const preflight = await rig.request('OPTIONS', '/v1/magic-links/send', {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(405);
    expect(corsHeaders(preflight.headers)).toEqual([]);
  });

  it('refuses any request that carries an Origin, so a page cannot spend a user\u2019s rate limit', async () => {
    const before = rig.emulator.requestCount();
    const response = await rig.request('POST', '/v1/magic-links/send', {
      body: JSON.stringify({ email: 'victim@example.com', code_challenge: challenge }),
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
    });
    expect(response).toMatchObject({ status: 403, body: { error_type: 'relay_cross_origin_refused' } });
    expect(rig.emulator.requestCount()).toBe(before);
  });

  it('marks answers as uncacheable', async () => {
    const response = await rig.post('/v1/sessions/authenticate', {}, alice.session_token);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-request-id')).toMatch(/^relay-request-/);
  });
});
