// Every relay endpoint's success path: relay → real SDK → emulator.
import { afterEach, describe, expect, it } from 'vitest';
import { CALLBACK_URL } from '../../../common/stytch/constants';
import { matching, startRelayRig, type RelayRig } from './harness';

let rig: RelayRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('relay: sign-in endpoints', () => {
  it('sends a PKCE link to the configured callback with the configured expiry, creating the user', async () => {
    rig = await startRelayRig({ loginExpirationMinutes: 15, signupExpirationMinutes: 20 });
    const { pkce } = await rig.sendLink('new@example.com');
    const message = rig.emulator.latestMessage('new@example.com');
    expect(message).toMatchObject({ kind: 'signup', redirect_url: CALLBACK_URL, to: 'new@example.com' });
    // The emulator stamps the link's expiry from the minutes the relay asked for.
    const lifetimeMinutes = (Date.parse(message?.expires_at ?? '') - Date.parse(message?.created_at ?? '')) / 60_000;
    expect(lifetimeMinutes).toBeCloseTo(20, 0);
    expect(pkce.challenge).toHaveLength(43);

    const again = await rig.post('/v1/magic-links/send', { email: 'new@example.com', code_challenge: pkce.challenge });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status_code: 200, user_created: false });
    // Whose account an address is stays at the relay.
    expect(again.body).not.toHaveProperty('user_id');
    expect(rig.emulator.latestMessage('new@example.com')?.kind).toBe('login');
  });

  it('with existing-users-only, sends to known users and passes Stytch\u2019s 404 for unknown ones', async () => {
    rig = await startRelayRig({ signupPolicy: 'existing-users-only' });
    const unknown = await rig.post('/v1/magic-links/send', { email: 'stranger@example.com', code_challenge: 'a'.repeat(43) });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ status_code: 404, error_type: 'email_not_found' });
    expect(rig.emulator.outbox('stranger@example.com')).toHaveLength(0);
    expect(rig.emulator.requestCount('/v1/magic_links/email/login_or_create')).toBe(0);
  });

  it('authenticates the link with the verifier and returns session, JWT and user summary', async () => {
    rig = await startRelayRig({ sessionDurationMinutes: 90 });
    const signedIn = await rig.signIn('reader@example.com');
    expect(signedIn.session_token).toMatch(/^[A-Za-z0-9_-]{44}$/);
    expect(signedIn.session_jwt.split('.')).toHaveLength(3);
    expect(signedIn.user).toEqual({ user_id: matching(/^user-test-/), email: 'reader@example.com', name: null });
    const minutes = (Date.parse(signedIn.session.expires_at) - Date.parse(signedIn.session.started_at)) / 60_000;
    expect(minutes).toBe(90);
  });

  it('authenticates the caller\u2019s session and hands back a fresh JWT', async () => {
    rig = await startRelayRig();
    const signedIn = await rig.signIn('refresh@example.com');
    const refreshed = await rig.post('/v1/sessions/authenticate', {}, signedIn.session_token);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({
      session_token: signedIn.session_token,
      session: { session_id: signedIn.session.session_id },
      user: { email: 'refresh@example.com' },
    });
    expect(typeof refreshed.body['session_jwt']).toBe('string');
  });

  it('revokes the caller\u2019s own session, after which it no longer authenticates', async () => {
    rig = await startRelayRig();
    const signedIn = await rig.signIn('bye@example.com');
    const revoked = await rig.post('/v1/sessions/revoke', {}, signedIn.session_token);
    expect(revoked).toMatchObject({ status: 200, body: { status_code: 200 } });
    const after = await rig.post('/v1/sessions/authenticate', {}, signedIn.session_token);
    expect(after.status).toBe(404);
    expect(after.body).toMatchObject({ error_type: 'session_not_found' });
  });

  it('lists the caller\u2019s own sessions, marking the current one', async () => {
    rig = await startRelayRig();
    const first = await rig.signIn('two@example.com');
    const second = await rig.signIn('two@example.com');
    await rig.signIn('someone-else@example.com');
    const listed = await rig.request('GET', '/v1/sessions', { headers: { authorization: `Bearer ${second.session_token}` } });
    expect(listed.status).toBe(200);
    const sessions = listed.body['sessions'] as { session_id: string; current: boolean }[];
    expect(sessions.map((s) => s.session_id).sort()).toEqual([first.session.session_id, second.session.session_id].sort());
    expect(sessions.find((s) => s.current)?.session_id).toBe(second.session.session_id);
    expect(JSON.stringify(listed.body)).not.toContain(first.session_token);
  });

  it('revokes another of the caller\u2019s own sessions by id', async () => {
    rig = await startRelayRig();
    const laptop = await rig.signIn('owner@example.com');
    const desktop = await rig.signIn('owner@example.com');
    const revoked = await rig.request('DELETE', `/v1/sessions/${laptop.session.session_id}`, {
      headers: { authorization: `Bearer ${desktop.session_token}` },
    });
    expect(revoked).toMatchObject({ status: 200, body: { session_id: laptop.session.session_id } });
    expect((await rig.post('/v1/sessions/authenticate', {}, laptop.session_token)).status).toBe(404);
    expect((await rig.post('/v1/sessions/authenticate', {}, desktop.session_token)).status).toBe(200);
  });

  it('creates an embeddable link for the caller that signs the same user in', async () => {
    rig = await startRelayRig();
    const signedIn = await rig.signIn('embed@example.com');
    const created = await rig.post('/v1/magic-links/embeddable', {}, signedIn.session_token);
    expect(created.status).toBe(200);
    expect(created.body['user_id']).toBe(signedIn.user.user_id);
    const token = created.body['token'] as string;
    const used = await rig.post('/v1/magic-links/authenticate', { token });
    expect(used.status).toBe(200);
    expect(used.body).toMatchObject({ user: { user_id: signedIn.user.user_id } });
  });

  it('serves the project\u2019s public signing keys without a session', async () => {
    rig = await startRelayRig();
    const jwks = await rig.request('GET', '/v1/sessions/jwks');
    expect(jwks.status).toBe(200);
    expect(jwks.body['project_id']).toBe(rig.emulator.projectId);
    expect((jwks.body['keys'] as { kty: string }[])[0]?.kty).toBe('RSA');
    await rig.request('GET', '/v1/sessions/jwks');
    // Cached: an endpoint anyone may call does not turn into upstream load.
    expect(rig.emulator.requestCount(`/v1/sessions/jwks/${rig.emulator.projectId}`)).toBe(1);
  });

  it('answers /healthz', async () => {
    rig = await startRelayRig();
    const health = await rig.request('GET', '/healthz');
    expect(health).toMatchObject({ status: 200, body: { ok: true } });
  });
});

describe('relay: invites (enabled)', () => {
  it('invites to the configured callback and revokes the invite', async () => {
    rig = await startRelayRig({ invitesEnabled: true, inviteExpirationMinutes: 120 });
    const inviter = await rig.signIn('host@example.com');
    const invited = await rig.post('/v1/invites', { email: 'guest@example.com', name: { first_name: 'Gus' } }, inviter.session_token);
    expect(invited.status).toBe(200);
    expect(invited.body['user_id']).toMatch(/^user-test-/);
    const message = rig.emulator.latestMessage('guest@example.com');
    expect(message).toMatchObject({ kind: 'invite', redirect_url: CALLBACK_URL });

    const revoked = await rig.post('/v1/invites/revoke', { email: 'guest@example.com' }, inviter.session_token);
    expect(revoked.status).toBe(200);
    const used = await rig.post('/v1/magic-links/authenticate', { token: message?.token });
    expect(used.body).toMatchObject({ error_type: 'unable_to_auth_magic_link' });
  });

  it('lets an invited person sign in with the invite link, which carries no PKCE', async () => {
    rig = await startRelayRig({ invitesEnabled: true });
    const inviter = await rig.signIn('host2@example.com');
    await rig.post('/v1/invites', { email: 'guest2@example.com' }, inviter.session_token);
    const token = rig.emulator.latestMessage('guest2@example.com')?.token;
    const used = await rig.post('/v1/magic-links/authenticate', { token });
    expect(used.status).toBe(200);
    expect(used.body).toMatchObject({ user: { email: 'guest2@example.com' } });
  });
});
