// The authenticator against an in-memory Stytch that follows the contract's PKCE table
// (STYTCH_CONTRACT §6): only a link that matches a verifier of this installation comes back
// 'signed-in'; a link without PKCE comes back 'unrequested' and spends no verifier.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLinkAuthenticator } from '../../../main/auth/link-authenticator';
import { challengeFor, createPkcePair } from '../../../main/auth/pkce';
import type { AuthenticatedSession, GatewayResult, MagicLinkAuthRequest } from '../../../main/auth/stytch-gateway';
import { createLogger } from '../../../common/log/logger';
import type { Store } from '../../../common/ports';
import { createVerifierStore } from '../../../main/session/verifier-store';
import { createAesGcmCipher } from '../../fixtures/aes-gcm-cipher';
import { createManualClock } from '../../fixtures/manual-clock';

function memoryStore(): Store {
  const values = new Map<string, unknown>();
  return { get: (key) => values.get(key), set: (key, value) => void values.set(key, value), delete: (key) => void values.delete(key), keys: () => [...values.keys()] };
}

/** Tokens Stytch knows: each with the challenge it was sent with (none for device links and invites). */
function inMemoryStytch() {
  const links = new Map<string, { email: string; challenge: string | null }>();
  const refuse = (errorType: string): GatewayResult<AuthenticatedSession> => ({
    ok: false,
    failure: { code: errorType === 'unable_to_auth_magic_link' ? 'link-expired-or-used' : 'link-from-elsewhere', errorType },
  });
  let calls = 0;
  return {
    link(email: string, challenge: string | null): string {
      const token = randomBytes(32).toString('base64url').slice(0, 44);
      links.set(token, { email, challenge });
      return token;
    },
    get calls() {
      return calls;
    },
    authenticateMagicLink(request: MagicLinkAuthRequest): Promise<GatewayResult<AuthenticatedSession>> {
      calls += 1;
      const link = links.get(request.token);
      if (!link) return Promise.resolve(refuse('unable_to_auth_magic_link'));
      if (link.challenge !== null && request.codeVerifier === undefined) return Promise.resolve(refuse('pkce_expected_code_verifier'));
      if (link.challenge === null && request.codeVerifier !== undefined) return Promise.resolve(refuse('pkce_did_not_expect_code_verifier'));
      if (link.challenge !== null && challengeFor(request.codeVerifier ?? '') !== link.challenge) return Promise.resolve(refuse('pkce_mismatch'));
      links.delete(request.token);
      return Promise.resolve({
        ok: true,
        value: {
          sessionToken: `session-token-${calls}`,
          sessionJwt: 'eyJ.x.y',
          sessionId: `session-${calls}`,
          user: { userId: `user-${link.email}`, email: link.email, name: null },
          expiresAt: '2030-01-08T00:00:00.000Z',
          startedAt: '2030-01-01T00:00:00.000Z',
        },
      });
    },
  };
}

function setUp() {
  const clock = createManualClock();
  const logger = createLogger(() => undefined);
  const verifiers = createVerifierStore({ cipher: createAesGcmCipher(randomBytes(32)), store: memoryStore(), logger, clock });
  const stytch = inMemoryStytch();
  const authenticator = createLinkAuthenticator({ gateway: stytch, verifiers, logger, sessionDurationMinutes: 60 });
  /** What sendLink does: a verifier kept here, its challenge sent with the link. */
  const requestHere = (email: string): string => {
    const pair = createPkcePair();
    verifiers.add(pair.verifier, clock.now() + 60 * 60_000);
    return stytch.link(email, pair.challenge);
  };
  return { stytch, verifiers, authenticator, requestHere };
}

describe('link authenticator', () => {
  it('answers signed-in, with the spent verifier, for a link requested here, even an older one', async () => {
    const { authenticator, requestHere, verifiers } = setUp();
    const earlier = requestHere('typed.first@example.com');
    requestHere('typed.second@example.com');
    const outcome = await authenticator.attempt(earlier).outcome;
    expect(outcome).toMatchObject({ kind: 'signed-in', session: { user: { email: 'typed.first@example.com' } } });
    expect(outcome.kind === 'signed-in' && verifiers.candidates(5).includes(outcome.verifier)).toBe(true);
  });

  it('answers unrequested for a link without PKCE, and leaves every verifier in place', async () => {
    const { authenticator, requestHere, stytch, verifiers } = setUp();
    requestHere('pending@example.com');
    const before = verifiers.candidates(5);
    const deviceLink = stytch.link('someone.else@example.com', null);
    const outcome = await authenticator.attempt(deviceLink).outcome;
    expect(outcome).toMatchObject({ kind: 'unrequested', session: { user: { email: 'someone.else@example.com' } } });
    expect(verifiers.candidates(5)).toEqual(before);
    // One try with the pending verifier (refused: no challenge), one without.
    expect(stytch.calls).toBe(2);
    expect(authenticator.wasUsed(deviceLink)).toBe(true);
  });

  it('answers unrequested with no verifier stored at all, in one call', async () => {
    const { authenticator, stytch } = setUp();
    const invite = stytch.link('invited@example.com', null);
    expect((await authenticator.attempt(invite).outcome).kind).toBe('unrequested');
    expect(stytch.calls).toBe(1);
  });

  it('answers no-verifier for a PKCE link requested on another installation', async () => {
    const { authenticator, stytch } = setUp();
    const elsewhere = stytch.link('elsewhere@example.com', createPkcePair().challenge);
    expect(await authenticator.attempt(elsewhere).outcome).toEqual({ kind: 'no-verifier' });
  });
});
