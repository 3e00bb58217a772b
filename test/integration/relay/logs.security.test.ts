// Security gate: whatever happens, the relay's log holds no link token, PKCE verifier or
// challenge, session token, JWT or Stytch secret — checked against the actual values used.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPkcePair } from '../../../main/auth/pkce';
import { anyNumber, anyString, startRelayRig, type RelayRig } from './harness';

let rig: RelayRig;
const secrets: { name: string; value: string }[] = [];
let requests = 0;

beforeAll(async () => {
  rig = await startRelayRig({ invitesEnabled: true });
  const count = <T>(value: T): T => {
    requests += 1;
    return value;
  };
  secrets.push({ name: 'stytch secret', value: rig.emulator.secret });

  const signedIn = count(count(await rig.signIn('logged@example.com')));
  secrets.push(
    { name: 'link token', value: signedIn.linkToken },
    { name: 'verifier', value: signedIn.pkce.verifier },
    { name: 'challenge', value: signedIn.pkce.challenge },
    { name: 'session token', value: signedIn.session_token },
    { name: 'session jwt', value: signedIn.session_jwt },
  );
  const refreshed = count(await rig.post('/v1/sessions/authenticate', {}, signedIn.session_token));
  secrets.push({ name: 'fresh jwt', value: refreshed.body['session_jwt'] as string });
  const embeddable = count(await rig.post('/v1/magic-links/embeddable', {}, signedIn.session_token));
  secrets.push({ name: 'embeddable token', value: embeddable.body['token'] as string });
  count(await rig.request('GET', '/v1/sessions', { headers: { authorization: `Bearer ${signedIn.session_token}` } }));
  count(await rig.post('/v1/invites', { email: 'guest@example.com' }, signedIn.session_token));
  secrets.push({ name: 'invite token', value: rig.emulator.latestMessage('guest@example.com')?.token ?? 'missing' });

  // Failures carry secrets in their requests too: a replayed token, a wrong verifier, a
  // garbage bearer, a refused unknown field, an oversize body.
  const wrong = createPkcePair();
  secrets.push({ name: 'wrong verifier', value: wrong.verifier });
  count(await rig.post('/v1/magic-links/authenticate', { token: signedIn.linkToken, code_verifier: wrong.verifier }));
  const fakeBearer = 'Fk3' + 'q9Zr'.repeat(10) + 'x';
  secrets.push({ name: 'unknown bearer', value: fakeBearer });
  count(await rig.post('/v1/sessions/authenticate', {}, fakeBearer));
  count(await rig.post('/v1/magic-links/send', { email: 'x@example.com', code_challenge: signedIn.pkce.challenge, session_token: signedIn.session_token }));
  count(
    await rig.request('POST', '/v1/magic-links/authenticate', {
      body: JSON.stringify({ token: signedIn.linkToken, pad: 'y'.repeat(20_000) }),
      headers: { 'content-type': 'application/json' },
    }),
  );
  rig.emulator.injectFault({ path: '/v1/magic_links/authenticate', drop: true });
  count(await rig.post('/v1/magic-links/authenticate', { token: signedIn.linkToken, code_verifier: signedIn.pkce.verifier }));
  count(await rig.post('/v1/sessions/revoke', {}, signedIn.session_token));
});
afterAll(async () => rig.close());

describe('relay logs', () => {
  it('hold none of the secrets the requests carried', () => {
    const log = rig.lines.join('\n');
    expect(secrets.length).toBe(11);
    for (const { name, value } of secrets) {
      expect(value.length, name).toBeGreaterThan(20);
      expect(log.includes(value), `${name} appears in the log`).toBe(false);
    }
  });

  it('are JSON, one request line per request, with route, status and timing', () => {
    const records = rig.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const record of records) expect(record).toMatchObject({ time: anyString, level: anyString, msg: anyString });
    const requestLines = records.filter((record) => record['msg'] === 'request');
    expect(requestLines).toHaveLength(requests);
    expect(requestLines.map((record) => record['status'])).toEqual(expect.arrayContaining([200, 400, 404, 413, 502]));
    for (const record of requestLines) {
      expect(record).toMatchObject({ route: anyString, duration_ms: anyNumber, ip: anyString, request_id: anyString });
      expect(String(record['route'])).not.toContain('?');
    }
  });
});
