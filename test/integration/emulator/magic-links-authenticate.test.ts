// Contract §4.5–4.6 and §6 through the SDK: embeddable links, authenticate with and without a
// session, single use, expiry by the emulator clock, PKCE and attribute matching.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../emulator/index';
import type { Client } from './harness';
import { pkcePair, start, stytchError, uniqueEmail } from './harness';

let emulator: RunningEmulator;
let client: Client;

beforeAll(async () => ({ emulator, client } = await start()));
afterAll(async () => emulator.close());

async function sendLink(extra: { code_challenge?: string; attributes?: { ip_address?: string; user_agent?: string } } = {}) {
  const email = uniqueEmail();
  const res = await client.magicLinks.email.loginOrCreate({ email, ...extra });
  const token = emulator.latestMessage(email)?.token ?? '';
  return { email, token, ...res };
}

describe('magic link authenticate', () => {
  it('with session_duration_minutes: verifies the email, activates the user and mints a session', async () => {
    const { email, token, user_id, email_id } = await sendLink();
    const res = await client.magicLinks.authenticate({ token, session_duration_minutes: 60 });
    expect(res).toMatchObject({ status_code: 200, user_id, method_id: email_id, reset_sessions: false });
    expect(res.session_token).toMatch(/^[A-Za-z0-9_-]{44}$/);
    expect(res.session_jwt.split('.')).toHaveLength(3);
    expect(res.user).toMatchObject({ user_id, status: 'active', emails: [{ email_id, email, verified: true }], roles: ['stytch_user'], is_locked: false });
    const session = res.session;
    expect(session).toMatchObject({ user_id, roles: ['stytch_user'], attributes: { ip_address: '', user_agent: '' } });
    expect(session?.session_id).toMatch(/^session-test-[0-9a-f-]{36}$/);
    expect(Date.parse(session?.expires_at ?? '') - Date.parse(session?.started_at ?? '')).toBe(60 * 60_000);
    expect(session?.authentication_factors).toEqual([
      expect.objectContaining({ type: 'magic_link', delivery_method: 'email', email_factor: { email_id, email_address: email } }),
    ]);
  });

  it('without session_duration_minutes: no session, empty token strings', async () => {
    const { token } = await sendLink();
    const res = await client.magicLinks.authenticate({ token });
    expect(res).toMatchObject({ session_token: '', session_jwt: '', session: null, status_code: 200 });
  });

  it('is single use: a replay is 401 unable_to_auth_magic_link', async () => {
    const { token } = await sendLink();
    await client.magicLinks.authenticate({ token });
    const error = await stytchError(client.magicLinks.authenticate({ token }));
    expect(error).toMatchObject({
      status_code: 401,
      error_type: 'unable_to_auth_magic_link',
      error_message: 'The magic link could not be authenticated because it was either already used or expired. Send another magic link to this user.',
    });
  });

  it('an unknown token is 404 magic_link_not_found', async () => {
    const error = await stytchError(client.magicLinks.authenticate({ token: 'DOYoip3rvIMMW5lgItikFK-Ak1CfMsgjuiCyI7uuU94' }));
    expect(error).toMatchObject({
      status_code: 404,
      error_type: 'magic_link_not_found',
      error_message: 'The magic link could not be authenticated, try sending another magic link to the user.',
    });
  });

  it('expires by the emulator clock: login links after 60 minutes by default', async () => {
    const email = uniqueEmail();
    await client.magicLinks.email.loginOrCreate({ email });
    await client.magicLinks.authenticate({ token: emulator.latestMessage(email)?.token ?? '' });
    await client.magicLinks.email.loginOrCreate({ email });
    const fresh = emulator.latestMessage(email);
    expect(fresh?.kind).toBe('login');
    await client.magicLinks.email.loginOrCreate({ email });
    const stale = emulator.latestMessage(email);
    emulator.advanceClock(59 * 60);
    await expect(client.magicLinks.authenticate({ token: fresh?.token ?? '' })).resolves.toMatchObject({ status_code: 200 });
    emulator.advanceClock(61);
    expect(await stytchError(client.magicLinks.authenticate({ token: stale?.token ?? '' }))).toMatchObject({ status_code: 401, error_type: 'unable_to_auth_magic_link' });
  });

  it('rejects an out-of-range session duration and two session arguments', async () => {
    const { token } = await sendLink();
    expect(await stytchError(client.magicLinks.authenticate({ token, session_duration_minutes: 4 }))).toMatchObject({
      status_code: 400,
      error_type: 'invalid_session_duration_minutes',
    });
    expect(await stytchError(client.magicLinks.authenticate({ token, session_duration_minutes: 527041 }))).toMatchObject({ error_type: 'invalid_session_duration_minutes' });
    expect(await stytchError(client.magicLinks.authenticate({ token, session_token: 'a', session_jwt: 'b' }))).toMatchObject({
      status_code: 400,
      error_type: 'too_many_session_arguments',
    });
    // None of those consumed the token.
    await expect(client.magicLinks.authenticate({ token })).resolves.toMatchObject({ status_code: 200 });
  });

  it('extends the session it is given and adds custom claims', async () => {
    const email = uniqueEmail();
    await client.magicLinks.email.loginOrCreate({ email });
    const first = await client.magicLinks.authenticate({ token: emulator.latestMessage(email)?.token ?? '', session_duration_minutes: 10 });
    await client.magicLinks.email.loginOrCreate({ email });
    const second = await client.magicLinks.authenticate({
      token: emulator.latestMessage(email)?.token ?? '',
      session_token: first.session_token,
      session_duration_minutes: 120,
      session_custom_claims: { plan: 'pro', iss: 'ignored' },
    });
    expect(second.session?.session_id).toBe(first.session?.session_id);
    expect(second.session_token).toBe(first.session_token);
    expect(second.session?.custom_claims).toEqual({ plan: 'pro' });
    expect(Date.parse(second.session?.expires_at ?? '') - Date.parse(second.session?.last_accessed_at ?? '')).toBe(120 * 60_000);
    const local = await client.sessions.authenticateJwt({ session_jwt: second.session_jwt });
    expect(local.session.custom_claims).toEqual({ plan: 'pro' });
  });

  it('refuses custom claims over 4 KB without consuming the token', async () => {
    const { token } = await sendLink();
    const error = await stytchError(client.magicLinks.authenticate({ token, session_duration_minutes: 5, session_custom_claims: { big: 'x'.repeat(5000) } }));
    expect(error).toMatchObject({ status_code: 400, error_type: 'custom_claims_too_large' });
    await expect(client.magicLinks.authenticate({ token, session_duration_minutes: 5 })).resolves.toMatchObject({ status_code: 200 });
  });
});

describe('PKCE (contract §6)', () => {
  it('succeeds when the verifier matches the challenge', async () => {
    const { verifier, challenge } = pkcePair();
    const { token } = await sendLink({ code_challenge: challenge });
    await expect(client.magicLinks.authenticate({ token, code_verifier: verifier })).resolves.toMatchObject({ status_code: 200 });
  });

  it('accepts a padded challenge', async () => {
    const { verifier, challenge } = pkcePair();
    const { token } = await sendLink({ code_challenge: `${challenge}=` });
    await expect(client.magicLinks.authenticate({ token, code_verifier: verifier })).resolves.toMatchObject({ status_code: 200 });
  });

  it('mismatch, missing and unexpected verifiers are 400s that leave the token usable', async () => {
    const { verifier, challenge } = pkcePair();
    const { token } = await sendLink({ code_challenge: challenge });
    expect(await stytchError(client.magicLinks.authenticate({ token, code_verifier: pkcePair().verifier }))).toMatchObject({
      status_code: 400,
      error_type: 'pkce_mismatch',
      error_message: 'The submitted code_verifier does not match the code_challenge sent at the start of the flow.',
    });
    expect(await stytchError(client.magicLinks.authenticate({ token }))).toMatchObject({ status_code: 400, error_type: 'pkce_expected_code_verifier' });
    await expect(client.magicLinks.authenticate({ token, code_verifier: verifier })).resolves.toMatchObject({ status_code: 200 });

    const plain = await sendLink();
    expect(await stytchError(client.magicLinks.authenticate({ token: plain.token, code_verifier: verifier }))).toMatchObject({
      status_code: 400,
      error_type: 'pkce_did_not_expect_code_verifier',
    });
    await expect(client.magicLinks.authenticate({ token: plain.token })).resolves.toMatchObject({ status_code: 200 });
  });

  it('PKCE works on send too', async () => {
    const { email } = await sendLink();
    const { verifier, challenge } = pkcePair();
    await client.magicLinks.email.send({ email, code_challenge: challenge });
    const token = emulator.latestMessage(email)?.token ?? '';
    expect((await stytchError(client.magicLinks.authenticate({ token }))).error_type).toBe('pkce_expected_code_verifier');
    await expect(client.magicLinks.authenticate({ token, code_verifier: verifier })).resolves.toMatchObject({ status_code: 200 });
  });
});

describe('attribute matching', () => {
  it('401 attribute_mismatch when a required attribute differs', async () => {
    const { token } = await sendLink({ attributes: { ip_address: '10.0.0.1', user_agent: 'ua-1' } });
    const error = await stytchError(
      client.magicLinks.authenticate({ token, attributes: { ip_address: '10.0.0.2' }, options: { ip_match_required: true, user_agent_match_required: false } }),
    );
    expect(error).toMatchObject({ status_code: 401, error_type: 'attribute_mismatch' });
    await expect(
      client.magicLinks.authenticate({ token, attributes: { ip_address: '10.0.0.1', user_agent: 'other' }, options: { ip_match_required: true, user_agent_match_required: false } }),
    ).resolves.toMatchObject({ status_code: 200 });
  });
});

describe('embeddable magic links', () => {
  it('mints a token for a user; authenticating it does not verify the email', async () => {
    const { user_id } = await sendLink();
    const created = await client.magicLinks.create({ user_id, expiration_minutes: 10 });
    expect(created).toMatchObject({ status_code: 200, user_id });
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{44}$/);
    const res = await client.magicLinks.authenticate({ token: created.token, session_duration_minutes: 30 });
    expect(res.method_id).toMatch(/^embedded-test-/);
    expect(res.user.emails[0]?.verified).toBe(false);
    expect(res.session?.authentication_factors[0]).toMatchObject({ delivery_method: 'embedded', embeddable_magic_link_factor: { embedded_id: res.method_id } });
  });

  it('404 user_not_found and 400 invalid_expiration; expiry follows the clock', async () => {
    expect(await stytchError(client.magicLinks.create({ user_id: 'user-test-00000000-0000-4000-8000-000000000000' }))).toMatchObject({
      status_code: 404,
      error_type: 'user_not_found',
    });
    const { user_id } = await sendLink();
    expect(await stytchError(client.magicLinks.create({ user_id, expiration_minutes: 10081 }))).toMatchObject({ status_code: 400, error_type: 'invalid_expiration' });
    const { token } = await client.magicLinks.create({ user_id, expiration_minutes: 5 });
    emulator.advanceClock(5 * 60);
    expect((await stytchError(client.magicLinks.authenticate({ token }))).error_type).toBe('unable_to_auth_magic_link');
  });
});
