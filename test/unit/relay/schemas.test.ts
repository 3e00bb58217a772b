import { describe, expect, it } from 'vitest';
import { authenticateLinkBody, emptyBody, inviteBody, parseBody, sendLinkBody, sessionIdParam } from '../../../relay/schemas';

const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('relay request schemas', () => {
  it('accept what the app sends, trimming the email', () => {
    expect(parseBody(sendLinkBody, { email: '  reader@example.com ', code_challenge: challenge })).toEqual({
      ok: true,
      value: { email: 'reader@example.com', code_challenge: challenge },
    });
    expect(parseBody(authenticateLinkBody, { token: 'A'.repeat(44) }).ok).toBe(true);
    expect(parseBody(authenticateLinkBody, { token: 'A'.repeat(43) + '=', code_verifier: 'v'.repeat(43) }).ok).toBe(true);
    expect(parseBody(inviteBody, { email: 'g@example.com', name: { first_name: 'G' } }).ok).toBe(true);
    expect(parseBody(emptyBody, {}).ok).toBe(true);
  });

  it('refuse every field the relay decides itself, naming it', () => {
    const result = parseBody(sendLinkBody, {
      email: 'a@example.com',
      code_challenge: challenge,
      login_magic_link_url: 'https://evil.example',
      signup_expiration_minutes: 10080,
    });
    expect(result).toEqual({
      ok: false,
      errorType: 'bad_request',
      message: 'unknown fields "login_magic_link_url", "signup_expiration_minutes": the relay decides this itself or does not accept it',
    });
    expect(parseBody(inviteBody, { email: 'g@example.com', invite_magic_link_url: 'x' })).toMatchObject({ ok: false, errorType: 'bad_request' });
    expect(parseBody(inviteBody, { email: 'g@example.com', name: { first_name: 'G', trusted_metadata: {} } })).toMatchObject({ ok: false });
    expect(parseBody(emptyBody, { session_duration_minutes: 5 })).toMatchObject({ ok: false });
  });

  it('tell a missing field from a wrong type, and list every problem', () => {
    expect(parseBody(sendLinkBody, { email: 7 })).toEqual({
      ok: false,
      errorType: 'bad_request',
      message: 'email: must be a string; code_challenge: is required',
    });
    expect(parseBody(sendLinkBody, 'a@example.com')).toEqual({ ok: false, errorType: 'bad_request', message: 'body: must be a JSON object' });
  });

  it('call a malformed email by Stytch\u2019s own name so the app maps it as in direct mode', () => {
    expect(parseBody(sendLinkBody, { email: 'no-at-sign', code_challenge: challenge })).toEqual({
      ok: false,
      errorType: 'invalid_email',
      message: 'email: must be an email address',
    });
    expect(parseBody(sendLinkBody, { email: `${'x'.repeat(250)}@example.com`, code_challenge: challenge })).toMatchObject({ errorType: 'invalid_email' });
  });

  it('refuse a plain (non-S256) challenge, verifiers outside RFC 7636 and tokens outside Stytch\u2019s alphabet', () => {
    expect(parseBody(sendLinkBody, { email: 'a@example.com', code_challenge: 'plain-verifier' }).ok).toBe(false);
    expect(parseBody(sendLinkBody, { email: 'a@example.com', code_challenge: `${challenge}=` }).ok).toBe(false);
    expect(parseBody(authenticateLinkBody, { token: 'A'.repeat(44), code_verifier: 'v'.repeat(42) }).ok).toBe(false);
    expect(parseBody(authenticateLinkBody, { token: 'A'.repeat(44), code_verifier: 'v'.repeat(129) }).ok).toBe(false);
    expect(parseBody(authenticateLinkBody, { token: 'has spaces and "quotes"' }).ok).toBe(false);
    expect(parseBody(authenticateLinkBody, { token: 'A'.repeat(200) }).ok).toBe(false);
  });

  it('accept only session ids for the revoke-one path', () => {
    expect(sessionIdParam.safeParse('session-test-fe6c042b-2c1a-4e57-9b7d-0a1b2c3d4e5f').success).toBe(true);
    for (const bad of ['../users', 'user-test-123', 'session-', 'session-test-x/y']) expect(sessionIdParam.safeParse(bad).success, bad).toBe(false);
  });
});
