// Contract §4.7–4.12 through the SDK: sessions authenticate / revoke / get, JWKS and local JWT
// verification, users get / delete, and the signing key surviving a restart.
import { sign } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../emulator/index';
import type { RunningEmulator } from '../../../emulator/index';
import type { Client } from './harness';
import { call, sdkClient, start, stytchError, uniqueEmail } from './harness';

let emulator: RunningEmulator;
let client: Client;

beforeAll(async () => ({ emulator, client } = await start()));
afterAll(async () => emulator.close());

async function signIn(minutes = 60) {
  const email = uniqueEmail();
  await client.magicLinks.email.loginOrCreate({ email });
  const token = emulator.latestMessage(email)?.token ?? '';
  return client.magicLinks.authenticate({ token, session_duration_minutes: minutes });
}

function decodePart(jwt: string, index: number): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[index] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('session JWT', () => {
  it('has the §3.3 shape: RS256, typ JWT, kid in the JWKS, 5-minute real-time lifetime', async () => {
    const auth = await signIn();
    const header = decodePart(auth.session_jwt, 0);
    const payload = decodePart(auth.session_jwt, 1);
    const jwks = await client.sessions.getJWKS({ project_id: emulator.projectId });
    expect(header).toEqual({ alg: 'RS256', kid: jwks.keys[0]?.kid, typ: 'JWT' });
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', use: 'sig', key_ops: ['verify'], alg: 'RS256', x5c: [], x5tS256: '' });
    expect(jwks.keys[0]?.kid).toMatch(/^jwk-test-/);
    expect(payload).toMatchObject({ sub: auth.user_id, iss: `stytch.com/${emulator.projectId}`, aud: [emulator.projectId] });
    const iat = payload['iat'] as number;
    expect(Math.abs(iat - Date.now() / 1000)).toBeLessThan(5);
    expect(payload['nbf']).toBe(iat);
    expect(payload['exp']).toBe(iat + 300);
    expect(payload['https://stytch.com/session']).toMatchObject({ id: auth.session?.session_id, roles: ['stytch_user'], expires_at: auth.session?.expires_at });
  });

  it('keeps iat near real time after the emulator clock is advanced, and exp within the session', async () => {
    emulator.advanceClock(3 * 24 * 3600);
    // Ten minutes: longer than a JWT's five, so the first JWTs are not capped by the session.
    const auth = await signIn(10);
    const payload = decodePart(auth.session_jwt, 1);
    expect(Math.abs((payload['iat'] as number) - Date.now() / 1000)).toBeLessThan(5);
    expect(payload['exp']).toBe((payload['iat'] as number) + 300);
    const refreshed = await client.sessions.authenticate({ session_token: auth.session_token });
    expect(Math.abs((decodePart(refreshed.session_jwt, 1)['iat'] as number) - Date.now() / 1000)).toBeLessThan(5);
    emulator.advanceClock(9 * 60);
    const late = await client.sessions.authenticate({ session_token: auth.session_token });
    const p = decodePart(late.session_jwt, 1);
    // One minute of session left: the JWT must not claim five.
    expect((p['exp'] as number) - (p['iat'] as number)).toBeLessThanOrEqual(61);
  });

  it('verifies locally through sessions.authenticateJwt without calling sessions/authenticate', async () => {
    const auth = await signIn();
    const before = emulator.requestCount('/v1/sessions/authenticate');
    const local = await client.sessions.authenticateJwt({ session_jwt: auth.session_jwt });
    expect(local.session).toMatchObject({ session_id: auth.session?.session_id, user_id: auth.user_id, roles: ['stytch_user'] });
    expect(local.session_jwt).toBe(auth.session_jwt);
    await client.sessions.authenticateJwt({ session_jwt: auth.session_jwt });
    expect(emulator.requestCount('/v1/sessions/authenticate')).toBe(before);
    expect(emulator.requestCount(`/v1/sessions/jwks/${emulator.projectId}`)).toBeGreaterThanOrEqual(1);
    // max_token_age_seconds 0 forces the remote path.
    await client.sessions.authenticateJwt({ session_jwt: auth.session_jwt, max_token_age_seconds: 0 });
    expect(emulator.requestCount('/v1/sessions/authenticate')).toBe(before + 1);
  });

  it('serves the JWKS without auth, and 404 project_not_found for another project', async () => {
    const open = await call(emulator, 'GET', `/v1/sessions/jwks/${emulator.projectId}`, undefined, false);
    expect(open.status).toBe(200);
    expect(open.json).toMatchObject({ status_code: 200, keys: [expect.objectContaining({ kty: 'RSA' })] });
    expect(await stytchError(client.sessions.getJWKS({ project_id: 'project-test-other' }))).toMatchObject({ status_code: 404, error_type: 'project_not_found' });
  });
});

describe('sessions.authenticate', () => {
  it('by token and by JWT; extends when asked; merges and deletes custom claims', async () => {
    const auth = await signIn(10);
    const byToken = await client.sessions.authenticate({ session_token: auth.session_token, session_duration_minutes: 600, session_custom_claims: { a: 1, b: 2 } });
    expect(byToken).toMatchObject({ status_code: 200, session_token: auth.session_token, user: { user_id: auth.user_id } });
    expect(Date.parse(byToken.session.expires_at ?? '') - Date.parse(byToken.session.last_accessed_at ?? '')).toBe(600 * 60_000);
    expect(byToken).not.toHaveProperty('verdict');
    const byJwt = await client.sessions.authenticate({ session_jwt: byToken.session_jwt, session_custom_claims: { a: null } });
    expect(byJwt.session.custom_claims).toEqual({ b: 2 });
    expect(decodePart(byJwt.session_jwt, 1)['b']).toBe(2);
  });

  it('accepts a validly signed but exp-expired JWT for a live session and returns a fresh one', async () => {
    const auth = await signIn(60);
    // Re-sign the same claims with the emulator's own key, ten minutes in the past.
    const stored = JSON.parse(await readFile(join(emulator.dataDir, 'signing-key.json'), 'utf8')) as { private_key_pem: string };
    const payload = decodePart(auth.session_jwt, 1);
    const past = Math.floor(Date.now() / 1000) - 600;
    const input = `${auth.session_jwt.split('.')[0]}.${Buffer.from(JSON.stringify({ ...payload, iat: past, nbf: past, exp: past + 300 })).toString('base64url')}`;
    const stale = `${input}.${sign('sha256', Buffer.from(input), stored.private_key_pem).toString('base64url')}`;
    // The SDK refuses it locally (exp passed) and falls back to the emulator, which accepts it.
    const before = emulator.requestCount('/v1/sessions/authenticate');
    const viaSdk = await client.sessions.authenticateJwt({ session_jwt: stale });
    expect(emulator.requestCount('/v1/sessions/authenticate')).toBe(before + 1);
    expect(viaSdk.session_jwt).not.toBe(stale);
    const res = await client.sessions.authenticate({ session_jwt: stale });
    expect(res.session.session_id).toBe(auth.session?.session_id);
    expect((decodePart(res.session_jwt, 1)['exp'] as number) > Date.now() / 1000).toBe(true);
  });

  it('reuses the byte-identical JWT within a second, and re-signs when the payload changes', async () => {
    const auth = await signIn();
    let pair: [string, string] | undefined;
    for (let attempt = 0; attempt < 5 && !pair; attempt += 1) {
      const a = await client.sessions.authenticate({ session_token: auth.session_token });
      const b = await client.sessions.authenticate({ session_token: auth.session_token });
      if (decodePart(a.session_jwt, 1)['iat'] === decodePart(b.session_jwt, 1)['iat']) pair = [a.session_jwt, b.session_jwt];
    }
    expect(pair?.[1]).toBe(pair?.[0]);
    const changed = await client.sessions.authenticate({ session_token: auth.session_token, session_custom_claims: { fresh: true } });
    expect(changed.session_jwt).not.toBe(pair?.[0]);
    expect(decodePart(changed.session_jwt, 1)['fresh']).toBe(true);
  });

  it('adds a verdict when authorization_check is given', async () => {
    const auth = await signIn();
    const res = await call(emulator, 'POST', '/v1/sessions/authenticate', { session_token: auth.session_token, authorization_check: { resource_id: 'r', action: 'read' } });
    expect(res.json['verdict']).toEqual({ authorized: true, granting_roles: ['stytch_user'] });
  });

  it('covers the error rows', async () => {
    const auth = await signIn(5);
    expect(await stytchError(client.sessions.authenticate({}))).toMatchObject({ status_code: 400, error_type: 'no_session_arguments' });
    expect(await stytchError(client.sessions.authenticate({ session_token: 'a', session_jwt: 'b' }))).toMatchObject({ status_code: 400, error_type: 'too_many_session_arguments' });
    expect(await stytchError(client.sessions.authenticate({ session_token: 'unknown' }))).toMatchObject({
      status_code: 404,
      error_type: 'session_not_found',
      error_message: 'Session could not be found.',
    });
    expect(await stytchError(client.sessions.authenticate({ session_jwt: 'not.a.jwt' }))).toMatchObject({ status_code: 400, error_type: 'unable_to_parse_session_jwt' });
    const forged = `${auth.session_jwt.slice(0, -4)}AAAA`;
    expect((await stytchError(client.sessions.authenticate({ session_jwt: forged }))).error_type).toBe('unable_to_parse_session_jwt');
    expect(await stytchError(client.sessions.authenticate({ session_token: auth.session_token, session_duration_minutes: 1 }))).toMatchObject({
      error_type: 'invalid_session_duration_minutes',
    });
    emulator.advanceClock(5 * 60);
    expect(await stytchError(client.sessions.authenticate({ session_token: auth.session_token }))).toMatchObject({ status_code: 404, error_type: 'session_not_found' });
  });
});

describe('sessions.revoke and sessions.get', () => {
  it('revokes by id, token or JWT; the session then disappears from get', async () => {
    const a = await signIn();
    const b = await signIn();
    const c = await signIn();
    const listed = await client.sessions.get({ user_id: a.user_id });
    expect(listed.sessions.map((s) => s.session_id)).toEqual([a.session?.session_id]);
    await expect(client.sessions.revoke({ session_id: a.session?.session_id ?? '' })).resolves.toMatchObject({ status_code: 200 });
    await expect(client.sessions.revoke({ session_token: b.session_token })).resolves.toMatchObject({ status_code: 200 });
    await expect(client.sessions.revoke({ session_jwt: c.session_jwt })).resolves.toMatchObject({ status_code: 200 });
    expect((await client.sessions.get({ user_id: a.user_id })).sessions).toEqual([]);
    for (const s of [a, b, c]) {
      expect((await stytchError(client.sessions.authenticate({ session_token: s.session_token }))).error_type).toBe('session_not_found');
    }
    // A revoked session's JWT still verifies locally until its exp (contract §4.8).
    await expect(client.sessions.authenticateJwt({ session_jwt: c.session_jwt })).resolves.toMatchObject({ session_jwt: c.session_jwt });
  });

  it('covers the revoke and get error rows', async () => {
    const a = await signIn();
    expect(await stytchError(client.sessions.revoke({}))).toMatchObject({ status_code: 400, error_type: 'no_session_revoke_arguments' });
    expect(await stytchError(client.sessions.revoke({ session_id: a.session?.session_id ?? '', session_token: a.session_token }))).toMatchObject({
      status_code: 400,
      error_type: 'too_many_session_revoke_arguments',
    });
    expect(await stytchError(client.sessions.revoke({ session_id: 'bogus' }))).toMatchObject({ status_code: 400, error_type: 'invalid_session_id', error_message: 'session_id format is invalid.' });
    expect(await stytchError(client.sessions.revoke({ session_id: 'session-test-00000000-0000-4000-8000-000000000000' }))).toMatchObject({ status_code: 404, error_type: 'session_not_found' });
    expect(await stytchError(client.sessions.get({ user_id: 'bogus' }))).toMatchObject({ status_code: 400, error_type: 'invalid_user_id' });
    expect(await stytchError(client.sessions.get({ user_id: 'user-test-00000000-0000-4000-8000-000000000000' }))).toMatchObject({ status_code: 404, error_type: 'user_not_found' });
  });
});

describe('users', () => {
  it('get returns the flattened user; delete removes it, its sessions and its links', async () => {
    const email = uniqueEmail();
    await client.magicLinks.email.loginOrCreate({ email });
    const pending = emulator.latestMessage(email)?.token ?? '';
    await client.magicLinks.email.loginOrCreate({ email });
    const auth = await client.magicLinks.authenticate({ token: emulator.latestMessage(email)?.token ?? '', session_duration_minutes: 60 });
    const user = await client.users.get({ user_id: auth.user_id });
    expect(user).toMatchObject({ status_code: 200, user_id: auth.user_id, status: 'active', phone_numbers: [], providers: [], totps: [], trusted_metadata: {} });
    expect(user).not.toHaveProperty('user');
    await expect(client.users.delete({ user_id: auth.user_id })).resolves.toMatchObject({ status_code: 200, user_id: auth.user_id });
    expect(await stytchError(client.users.get({ user_id: auth.user_id }))).toMatchObject({ status_code: 404, error_type: 'user_not_found' });
    expect(await stytchError(client.users.delete({ user_id: auth.user_id }))).toMatchObject({ status_code: 404, error_type: 'user_not_found' });
    expect((await stytchError(client.sessions.authenticate({ session_token: auth.session_token }))).error_type).toBe('session_not_found');
    expect((await stytchError(client.magicLinks.authenticate({ token: pending }))).error_type).toBe('unable_to_auth_magic_link');
    // The address is free again: a new sign-up gets a new user.
    const again = await client.magicLinks.email.loginOrCreate({ email });
    expect(again).toMatchObject({ user_created: true });
    expect(again.user_id).not.toBe(auth.user_id);
  });
});

describe('signing key persistence', () => {
  it('a restart on the same data dir keeps the kid, so old JWTs still verify locally', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'emulator-key-'));
    try {
      const first = await startEmulator({ dataDir });
      const firstClient = sdkClient(first);
      const { kid } = (await firstClient.sessions.getJWKS({ project_id: first.projectId })).keys[0] ?? {};
      const email = uniqueEmail();
      await firstClient.magicLinks.email.loginOrCreate({ email });
      const auth = await firstClient.magicLinks.authenticate({ token: first.latestMessage(email)?.token ?? '', session_duration_minutes: 60 });
      await first.close();

      const second = await startEmulator({ dataDir });
      try {
        const secondClient = sdkClient(second);
        expect((await secondClient.sessions.getJWKS({ project_id: second.projectId })).keys[0]?.kid).toBe(kid);
        await expect(secondClient.sessions.authenticateJwt({ session_jwt: auth.session_jwt })).resolves.toMatchObject({ session: { user_id: auth.user_id } });
        expect(second.requestCount('/v1/sessions/authenticate')).toBe(0);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
