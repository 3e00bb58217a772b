// The abuse probes from an outside caller's side. Each of these passed against the relay
// before its limits were rebuilt: a stranger could lock a person out, revoke someone else's
// invite, dodge limits by rotating IPv6 addresses or spelling an address differently, flush a
// target's count by flooding new keys, and make the relay ask Stytch about every fake token.
// Networks are told apart the way production does it: one trusted proxy's X-Forwarded-For.
import { afterEach, describe, expect, it } from 'vitest';
import { createPkcePair } from '../../../main/auth/pkce';
import { startRelayRig, type RelayRig, type RelayResponse, type RigOptions } from './harness';

let rig: RelayRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const STRANGER = '198.51.100.7';
const VICTIM = '203.0.113.9';
// One PKCE pair for every send: the victim finishes a sign-in with its verifier.
const pkce = createPkcePair();
const fakeToken = (n: number) => `fake${String(n).padStart(2, '0')}`.padEnd(44, 'Q');

async function start(options: RigOptions): Promise<RelayRig> {
  rig = await startRelayRig({ trustProxyHops: 1, ...options });
  return rig;
}

function sendFrom(r: RelayRig, ip: string, email: string): Promise<RelayResponse> {
  return r.request('POST', '/v1/magic-links/send', {
    body: JSON.stringify({ email, code_challenge: pkce.challenge }),
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
  });
}

describe('relay abuse: nobody locks out somebody else', () => {
  it('invites with made-up bearer tokens spend nothing of the invitee\u2019s budget', async () => {
    const r = await start({ invitesEnabled: true, rateLimits: { perEmail: { limit: 10, windowSeconds: 3600 } } });
    for (let i = 0; i < 11; i += 1) {
      const refused = await r.request('POST', '/v1/invites', {
        body: JSON.stringify({ email: 'victim@example.com' }),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${fakeToken(i)}`, 'x-forwarded-for': STRANGER },
      });
      expect([401, 404]).toContain(refused.status);
    }
    expect((await sendFrom(r, VICTIM, 'victim@example.com')).status).toBe(200);
  });

  it('a stranger spending one network\u2019s share leaves the victim theirs (the innocent-user test)', async () => {
    const r = await start({ rateLimits: { perEmail: { limit: 10, windowSeconds: 3600 } } });
    for (let i = 0; i < 10; i += 1) expect((await sendFrom(r, STRANGER, 'victim@example.com')).status).toBe(200);
    const refused = await sendFrom(r, STRANGER, 'victim@example.com');
    expect(refused.status).toBe(429);
    // The victim, from their own network, signs in as usual.
    expect((await sendFrom(r, VICTIM, 'victim@example.com')).status).toBe(200);
    const token = r.emulator.latestMessage('victim@example.com')?.token ?? '';
    const signedIn = await r.request('POST', '/v1/magic-links/authenticate', {
      body: JSON.stringify({ token, code_verifier: pkce.verifier }),
      headers: { 'content-type': 'application/json', 'x-forwarded-for': VICTIM },
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ user: { email: 'victim@example.com' } });
  });

  it('only a sender spread over many networks reaches the overall ceiling, and that is logged', async () => {
    const r = await start({
      rateLimits: { perEmail: { limit: 2, windowSeconds: 3600 }, perEmailOverall: { limit: 4, windowSeconds: 3600 } },
    });
    for (const ip of ['192.0.2.1', '192.0.2.1', '192.0.2.2', '192.0.2.2']) expect((await sendFrom(r, ip, 'target@example.com')).status).toBe(200);
    const overall = await sendFrom(r, '192.0.2.3', 'target@example.com');
    expect(overall.status).toBe(429);
    expect(overall.body['error_message']).toContain('for this email address;');
    expect(r.lines.some((line) => line.includes('overall ceiling for one mailbox reached'))).toBe(true);
    expect(r.lines.join('\n')).not.toContain('target@example.com');
  });

  it('counts +tag and dotted spellings of one mailbox as one', async () => {
    const r = await start({ rateLimits: { perEmail: { limit: 2, windowSeconds: 3600 } } });
    expect((await sendFrom(r, STRANGER, 'victim+a@gmail.com')).status).toBe(200);
    expect((await sendFrom(r, STRANGER, 'v.ictim@gmail.com')).status).toBe(200);
    expect((await sendFrom(r, STRANGER, 'VICTIM+b@googlemail.com')).status).toBe(429);
    // Stytch got each address as typed.
    expect(r.emulator.outbox('v.ictim@gmail.com')).toHaveLength(1);
  });
});

describe('relay abuse: limits that cannot be dodged or flushed', () => {
  it('groups IPv6 clients by /64', async () => {
    const r = await start({ rateLimits: { perIp: { limit: 2, windowSeconds: 60 } } });
    expect((await sendFrom(r, '2001:db8:1:2::1', 'a@example.com')).status).toBe(200);
    expect((await sendFrom(r, '2001:db8:1:2::2', 'b@example.com')).status).toBe(200);
    expect((await sendFrom(r, '2001:db8:1:2:ffff::3', 'c@example.com')).status).toBe(429);
    expect((await sendFrom(r, '2001:db8:1:3::1', 'd@example.com')).status).toBe(200);
  });

  it('refuses new keys when the table is full (503, Retry-After) instead of forgetting a counted one', async () => {
    const r = await start({ limitTableMaxKeys: 3, rateLimits: { perIp: { limit: 1, windowSeconds: 60 } } });
    expect((await sendFrom(r, VICTIM, 'a@example.com')).status).toBe(200);
    expect((await sendFrom(r, VICTIM, 'a@example.com')).status).toBe(429);
    expect((await sendFrom(r, '192.0.2.1', 'b@example.com')).status).toBe(200);
    expect((await sendFrom(r, '192.0.2.2', 'c@example.com')).status).toBe(200);
    const full = await sendFrom(r, '192.0.2.3', 'd@example.com');
    expect(full.status).toBe(503);
    expect(full.body).toMatchObject({ error_type: 'relay_limit_table_full' });
    expect(Number(full.headers.get('retry-after'))).toBeGreaterThan(0);
    // The flood did not reset the counted network.
    expect((await sendFrom(r, VICTIM, 'a@example.com')).status).toBe(429);
  });

  it('asks Stytch about a refused bearer token once a minute, however often it is replayed', async () => {
    let now = Date.UTC(2030, 0, 1);
    const r = await start({ now: () => now });
    const asked = () => r.emulator.requestCount('/v1/sessions/authenticate');
    const headers = { authorization: `Bearer ${fakeToken(1)}` };
    const first = await r.request('GET', '/v1/sessions', { headers });
    expect([401, 404]).toContain(first.status);
    for (let i = 0; i < 5; i += 1) {
      const again = await r.request('GET', '/v1/sessions', { headers });
      expect(again.status).toBe(first.status);
      expect(again.body['error_type']).toBe(first.body['error_type']);
    }
    expect(asked()).toBe(1);
    now += 60_001;
    await r.request('GET', '/v1/sessions', { headers });
    expect(asked()).toBe(2);
  });

  it('limits one signed-in user on session-bound calls', async () => {
    const r = await start({ rateLimits: { perUser: { limit: 2, windowSeconds: 60 } } });
    const user = await r.signIn('busy@example.com');
    const headers = { authorization: `Bearer ${user.session_token}` };
    expect((await r.request('GET', '/v1/sessions', { headers })).status).toBe(200);
    expect((await r.request('GET', '/v1/sessions', { headers })).status).toBe(200);
    const limited = await r.request('GET', '/v1/sessions', { headers });
    expect(limited.status).toBe(429);
    expect(limited.body['error_message']).toContain('for this account');
    // Another user is not affected.
    const other = await r.signIn('calm@example.com');
    expect((await r.request('GET', '/v1/sessions', { headers: { authorization: `Bearer ${other.session_token}` } })).status).toBe(200);
  });

  it('caps calls to Stytch in flight: one more is 503 with Retry-After, at once', async () => {
    const r = await start({ stytch: { maxConcurrent: 1 } });
    r.emulator.injectFault({ path: '/v1/magic_links/email/login_or_create', delay_ms: 3000 });
    const slow = sendFrom(r, VICTIM, 'slow@example.com');
    while (r.emulator.requestCount('/v1/magic_links/email/login_or_create') === 0) await new Promise((done) => setImmediate(done));
    const busy = await r.post('/v1/magic-links/authenticate', { token: fakeToken(2) });
    expect(busy.status).toBe(503);
    expect(busy.body).toMatchObject({ error_type: 'relay_upstream_busy' });
    expect(busy.headers.get('retry-after')).toBe('1');
    expect((await slow).status).toBe(200);
  });
});

describe('relay abuse: invites and sessions', () => {
  it('lets only the inviter revoke an invite', async () => {
    const r = await start({ invitesEnabled: true });
    const host = await r.signIn('host@example.com');
    const other = await r.signIn('other@example.com');
    expect((await r.post('/v1/invites', { email: 'guest@example.com' }, host.session_token)).status).toBe(200);
    const stolen = await r.post('/v1/invites/revoke', { email: 'guest@example.com' }, other.session_token);
    expect(stolen.status).toBe(404);
    expect(stolen.body).toMatchObject({ error_type: 'invite_not_found' });
    expect(r.emulator.requestCount('/v1/magic_links/email/revoke_invite')).toBe(0);
    expect((await r.post('/v1/invites/revoke', { email: 'Guest@Example.com' }, host.session_token)).status).toBe(200);
  });

  it('caps the session length at 90 days, with a logged warning', async () => {
    const r = await start({ sessionDurationMinutes: 200_000 });
    const signedIn = await r.signIn('long@example.com');
    expect(Date.parse(signedIn.session.expires_at) - Date.parse(signedIn.session.started_at)).toBe(90 * 24 * 60 * 60_000);
    expect(r.lines.some((line) => line.includes('"level":"warn"') && line.includes('longer than 90 days'))).toBe(true);
  });
});
