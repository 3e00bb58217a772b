// Contract §4.1–4.4 through the official SDK: login_or_create, send, invite, revoke_invite,
// their error rows, the outbox they fill and the optional rate limit.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../emulator/index';
import { EMULATOR_DEFAULTS } from '../../../emulator/index';
import type { Client } from './harness';
import { sdkClient, start, stytchError, uniqueEmail } from './harness';

let emulator: RunningEmulator;
let client: Client;
const logged: string[] = [];

beforeEach(async () => {
  if (!emulator) ({ emulator, client } = await start({ log: (line) => logged.push(line) }));
  emulator.reset();
});
afterAll(async () => emulator.close());

describe('login_or_create', () => {
  it('creates an active user with an unverified email and sends a signup link', async () => {
    const email = uniqueEmail();
    const res = await client.magicLinks.email.loginOrCreate({ email });
    expect(res).toMatchObject({ status_code: 200, user_created: true });
    expect(res.request_id).toMatch(/^request-id-test-[0-9a-f-]{36}$/);
    expect(res.user_id).toMatch(/^user-test-[0-9a-f-]{36}$/);
    expect(res.email_id).toMatch(/^email-test-[0-9a-f-]{36}$/);

    const user = await client.users.get({ user_id: res.user_id });
    expect(user.status).toBe('active');
    expect(user.emails).toEqual([{ email_id: res.email_id, email, verified: false }]);

    const message = emulator.latestMessage(email);
    expect(message).toMatchObject({ to: email, kind: 'signup', user_id: res.user_id, email_id: res.email_id, redirect_url: EMULATOR_DEFAULTS.redirectUrl });
    expect(message?.token).toMatch(/^[A-Za-z0-9_-]{44}$/);
    expect(message?.link).toBe(
      `${emulator.url}/v1/magic_links/redirect?public_token=${EMULATOR_DEFAULTS.publicToken}&stytch_token_type=magic_links&token=${message?.token}`,
    );
    expect(logged.some((line) => line.includes(message?.link ?? '-'))).toBe(true);
  });

  it('sends an existing active user a login link, matching the email case-insensitively', async () => {
    const email = uniqueEmail();
    const first = await client.magicLinks.email.loginOrCreate({ email });
    const second = await client.magicLinks.email.loginOrCreate({ email: email.toUpperCase(), login_magic_link_url: 'https://app.example/login' });
    expect(second).toMatchObject({ user_created: false, user_id: first.user_id, email_id: first.email_id });
    expect(emulator.outbox(email).map((m) => m.kind)).toEqual(['login', 'signup']);
    expect(emulator.latestMessage(email)?.redirect_url).toBe('https://app.example/login');
  });

  it('uses the expiration defaults (signup a week, login an hour) and honours explicit ones', async () => {
    const email = uniqueEmail();
    await client.magicLinks.email.loginOrCreate({ email });
    const signup = emulator.latestMessage(email);
    const week = Date.parse(signup?.expires_at ?? '') - Date.parse(signup?.created_at ?? '');
    expect(week).toBe(10080 * 60_000);
    await client.magicLinks.email.loginOrCreate({ email, login_expiration_minutes: 15 });
    const login = emulator.latestMessage(email);
    expect(Date.parse(login?.expires_at ?? '') - Date.parse(login?.created_at ?? '')).toBe(15 * 60_000);
  });

  it('creates a pending user when asked, and keeps sending it signup links', async () => {
    const email = uniqueEmail();
    const res = await client.magicLinks.email.loginOrCreate({ email, create_user_as_pending: true });
    expect((await client.users.get({ user_id: res.user_id })).status).toBe('pending');
    await client.magicLinks.email.loginOrCreate({ email });
    expect(emulator.outbox(email).map((m) => m.kind)).toEqual(['signup', 'signup']);
  });

  it.each([
    [{ email: 'not-an-email' }, 400, 'invalid_email'],
    [{ email: 'a@b.co', login_expiration_minutes: 4 }, 400, 'invalid_expiration'],
    [{ email: 'a@b.co', signup_expiration_minutes: 10081 }, 400, 'invalid_expiration'],
    [{ email: 'a@b.co', code_challenge: 'short' }, 400, 'invalid_pkce_code_challenge'],
  ])('rejects %j with %i %s', async (body, status, errorType) => {
    const error = await stytchError(client.magicLinks.email.loginOrCreate(body));
    expect(error).toMatchObject({ status_code: status, error_type: errorType, error_url: `https://stytch.com/docs/api/errors/${status}#${errorType}` });
    expect(emulator.outbox()).toEqual([]);
  });

  it('refuses wrong credentials with 401 unauthorized_credentials', async () => {
    const intruder = sdkClient(emulator, { secret: 'secret-test-wrong' });
    const error = await stytchError(intruder.magicLinks.email.loginOrCreate({ email: uniqueEmail() }));
    expect(error).toMatchObject({ status_code: 401, error_type: 'unauthorized_credentials', error_message: 'Unauthorized credentials.' });
    const otherProject = sdkClient(emulator, { project_id: 'project-test-00000000-0000-4000-8000-000000000000' });
    expect((await stytchError(otherProject.users.get({ user_id: 'user-test-x' }))).error_type).toBe('unauthorized_credentials');
  });
});

describe('redirect URL configuration', () => {
  it('answers no_default_*_redirect_url_set when none is configured or given', async () => {
    const bare = await start({ redirectUrl: '' });
    try {
      const login = await stytchError(bare.client.magicLinks.email.loginOrCreate({ email: uniqueEmail(), signup_magic_link_url: 'x://s' }));
      expect(login).toMatchObject({ status_code: 400, error_type: 'no_default_login_redirect_url_set' });
      const signup = await stytchError(bare.client.magicLinks.email.loginOrCreate({ email: uniqueEmail(), login_magic_link_url: 'x://l' }));
      expect(signup.error_type).toBe('no_default_signup_redirect_url_set');
      const invite = await stytchError(bare.client.magicLinks.email.invite({ email: uniqueEmail() }));
      expect(invite.error_type).toBe('no_default_invite_redirect_url_set');
    } finally {
      await bare.emulator.close();
    }
  });

  it('answers no_match_for_provided_magic_link_url outside the allow-list', async () => {
    const strict = await start({ allowedRedirectUrls: [EMULATOR_DEFAULTS.redirectUrl] });
    try {
      const error = await stytchError(strict.client.magicLinks.email.loginOrCreate({ email: uniqueEmail(), login_magic_link_url: 'https://evil.example/' }));
      expect(error).toMatchObject({ status_code: 400, error_type: 'no_match_for_provided_magic_link_url' });
      await expect(strict.client.magicLinks.email.loginOrCreate({ email: uniqueEmail() })).resolves.toMatchObject({ status_code: 200 });
    } finally {
      await strict.emulator.close();
    }
  });
});

describe('send', () => {
  it('sends a login link to an existing user and 404 email_not_found to a stranger', async () => {
    const email = uniqueEmail();
    const created = await client.magicLinks.email.loginOrCreate({ email });
    const sent = await client.magicLinks.email.send({ email, login_magic_link_url: 'https://app.example/cb?x=1' });
    expect(sent).toMatchObject({ status_code: 200, user_id: created.user_id, email_id: created.email_id });
    expect(emulator.latestMessage(email)).toMatchObject({ kind: 'login', redirect_url: 'https://app.example/cb?x=1' });
    const error = await stytchError(client.magicLinks.email.send({ email: uniqueEmail() }));
    expect(error).toMatchObject({ status_code: 404, error_type: 'email_not_found', error_message: 'Email could not be found.' });
  });

  it('adds a new email to a user named by user_id or session', async () => {
    const owner = uniqueEmail();
    const { user_id } = await client.magicLinks.email.loginOrCreate({ email: owner });
    const extra = uniqueEmail('extra');
    const res = await client.magicLinks.email.send({ email: extra, user_id });
    expect(res.user_id).toBe(user_id);
    const user = await client.users.get({ user_id });
    expect(user.emails.map((e) => [e.email, e.verified])).toEqual([[owner, false], [extra, false]]);

    const token = emulator.latestMessage(owner)?.token ?? '';
    const auth = await client.magicLinks.authenticate({ token, session_duration_minutes: 60 });
    const third = uniqueEmail('third');
    expect((await client.magicLinks.email.send({ email: third, session_token: auth.session_token })).user_id).toBe(user_id);
    const fourth = uniqueEmail('fourth');
    expect((await client.magicLinks.email.send({ email: fourth, session_jwt: auth.session_jwt })).user_id).toBe(user_id);
  });

  it('reports the add-email error rows', async () => {
    const a = await client.magicLinks.email.loginOrCreate({ email: uniqueEmail() });
    const taken = uniqueEmail();
    await client.magicLinks.email.loginOrCreate({ email: taken });
    expect(await stytchError(client.magicLinks.email.send({ email: taken, user_id: a.user_id }))).toMatchObject({ status_code: 400, error_type: 'duplicate_email' });
    expect(await stytchError(client.magicLinks.email.send({ email: uniqueEmail(), user_id: 'user-test-00000000-0000-4000-8000-000000000000' }))).toMatchObject({
      status_code: 404,
      error_type: 'user_not_found',
    });
    expect(await stytchError(client.magicLinks.email.send({ email: uniqueEmail(), session_token: 'nope' }))).toMatchObject({ status_code: 404, error_type: 'session_not_found' });
    expect(await stytchError(client.magicLinks.email.send({ email: uniqueEmail(), session_token: 'a', session_jwt: 'b' }))).toMatchObject({
      status_code: 400,
      error_type: 'too_many_session_arguments',
    });
  });
});

describe('invite and revoke_invite', () => {
  it('creates a pending user with an invite link, and the link activates it', async () => {
    const email = uniqueEmail('invitee');
    const res = await client.magicLinks.email.invite({ email, name: { first_name: 'Ada' }, invite_expiration_minutes: 30, untrusted_metadata: { team: 'x' } });
    const user = await client.users.get({ user_id: res.user_id });
    expect(user).toMatchObject({ status: 'pending', name: { first_name: 'Ada' }, untrusted_metadata: { team: 'x' } });
    const message = emulator.latestMessage(email);
    expect(message?.kind).toBe('invite');
    expect(Date.parse(message?.expires_at ?? '') - Date.parse(message?.created_at ?? '')).toBe(30 * 60_000);
    const auth = await client.magicLinks.authenticate({ token: message?.token ?? '' });
    expect(auth.user.status).toBe('active');
    expect(auth.user.emails[0]?.verified).toBe(true);
  });

  it('re-invites a pending user but refuses an active one with duplicate_email', async () => {
    const email = uniqueEmail();
    const first = await client.magicLinks.email.invite({ email });
    expect((await client.magicLinks.email.invite({ email })).user_id).toBe(first.user_id);
    const active = uniqueEmail();
    await client.magicLinks.email.loginOrCreate({ email: active });
    expect(await stytchError(client.magicLinks.email.invite({ email: active }))).toMatchObject({ status_code: 400, error_type: 'duplicate_email' });
    expect(await stytchError(client.magicLinks.email.invite({ email: 'bad' }))).toMatchObject({ error_type: 'invalid_email' });
    expect(await stytchError(client.magicLinks.email.invite({ email, invite_expiration_minutes: 0 }))).toMatchObject({ error_type: 'invalid_expiration' });
  });

  it('revoke_invite kills outstanding invite links and 404s an unknown email', async () => {
    const email = uniqueEmail();
    await client.magicLinks.email.invite({ email });
    const token = emulator.latestMessage(email)?.token ?? '';
    expect(await client.magicLinks.email.revokeInvite({ email })).toMatchObject({ status_code: 200 });
    expect(await stytchError(client.magicLinks.authenticate({ token }))).toMatchObject({ status_code: 401, error_type: 'unable_to_auth_magic_link' });
    expect(await stytchError(client.magicLinks.email.revokeInvite({ email: uniqueEmail() }))).toMatchObject({ status_code: 404, error_type: 'email_not_found' });
  });
});

describe('rate limit (contract §2.4)', () => {
  it('is off by default', async () => {
    const email = uniqueEmail();
    for (let i = 0; i < 3; i += 1) await client.magicLinks.email.loginOrCreate({ email });
    expect(emulator.outbox(email)).toHaveLength(3);
  });

  it('allows one request per email per second across send, login_or_create and invite', async () => {
    const limited = await start({ rateLimit: true });
    try {
      const email = uniqueEmail();
      await limited.client.magicLinks.email.loginOrCreate({ email });
      const error = await stytchError(limited.client.magicLinks.email.send({ email }));
      expect(error).toMatchObject({ status_code: 429, error_type: 'too_many_requests', error_message: 'Too many requests have been made.' });
      expect((await stytchError(limited.client.magicLinks.email.invite({ email }))).error_type).toBe('too_many_requests');
      // Other addresses are unaffected; the same one is served again after a second.
      await expect(limited.client.magicLinks.email.loginOrCreate({ email: uniqueEmail() })).resolves.toMatchObject({ status_code: 200 });
      limited.emulator.advanceClock(1);
      await expect(limited.client.magicLinks.email.send({ email })).resolves.toMatchObject({ status_code: 200 });
      limited.emulator.setRateLimit(false);
      await expect(limited.client.magicLinks.email.send({ email })).resolves.toMatchObject({ status_code: 200 });
    } finally {
      await limited.emulator.close();
    }
  });
});
