// The StytchGateway contract as ONE suite, run against every implementation: the SDK gateway
// on the real emulator, the relay gateway through a real relay, and the in-memory gateway
// the state-machine tests use. What one answers, the others must answer the same way
// (failure code and Stytch error_type), so the in-memory one cannot drift into a stub.
// Where relay mode decides something itself (session length, invite expiry, who may revoke
// an invite), the suite says so and checks the relay's own rule instead.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPkcePair } from '../../../main/auth/pkce';
import type { AuthenticatedSession, GatewayFailure, GatewayResult, SessionCaller, StytchGateway } from '../../../main/auth/stytch-gateway';

export interface ContractTarget {
  gateway: StytchGateway;
  /** The token of the newest email sent to an address. */
  latestToken(email: string): string | undefined;
  /** Moves Stytch's token and session clock forward. */
  advanceClock(seconds: number): void;
  /** Relay mode: the relay applies its own link, session and invite settings. */
  relay: boolean;
  close(): Promise<void>;
}

const CALLBACK = 'promptgrimoire://auth/callback';
const SESSION_MINUTES = 60;
// An hour, the app's and the relay's default for sign-in links.
const LINK_MINUTES = 60;
let serial = 0;
const nextEmail = (prefix: string): string => `${prefix}-${(serial += 1)}@contract.example.com`;

function failureOf<T>(result: GatewayResult<T>): Pick<GatewayFailure, 'code' | 'errorType'> {
  if (result.ok) throw new Error('expected a failure, the call succeeded');
  return { code: result.failure.code, errorType: result.failure.errorType };
}

function valueOf<T>(result: GatewayResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.failure.code} (${result.failure.errorType ?? 'no error_type'})`);
  return result.value;
}

const callerOf = (session: AuthenticatedSession): SessionCaller => ({
  userId: session.user.userId,
  sessionId: session.sessionId,
  sessionToken: session.sessionToken,
});

export function describeGatewayContract(name: string, start: () => Promise<ContractTarget>): void {
  describe(`StytchGateway contract: ${name}`, () => {
    let target: ContractTarget;
    beforeEach(async () => {
      target = await start();
    });
    afterEach(async () => {
      await target.close();
    });

    async function send(email: string) {
      const pkce = createPkcePair();
      const sent = await target.gateway.sendMagicLink({
        email,
        codeChallenge: pkce.challenge,
        callbackUrl: CALLBACK,
        loginExpirationMinutes: LINK_MINUTES,
        signupExpirationMinutes: LINK_MINUTES,
      });
      const token = target.latestToken(email);
      if (!token) throw new Error(`no email reached ${email}`);
      return { sent, token, pkce };
    }

    const authenticate = (token: string, codeVerifier?: string) =>
      target.gateway.authenticateMagicLink({ token, sessionDurationMinutes: SESSION_MINUTES, ...(codeVerifier !== undefined ? { codeVerifier } : {}) });

    async function signIn(email: string): Promise<AuthenticatedSession> {
      const { token, pkce } = await send(email);
      return valueOf(await authenticate(token, pkce.verifier));
    }

    it('sends a link that signs a new user in with the matching verifier, with a JWT that verifies locally', async () => {
      const email = nextEmail('new');
      const { sent, token, pkce } = await send(email);
      expect(valueOf(sent).userCreated).toBe(true);
      const before = Date.now();
      const session = valueOf(await authenticate(token, pkce.verifier));
      expect(session.user.email).toBe(email);
      expect(session.sessionToken).not.toBe('');
      const expiresAt = Date.parse(session.expiresAt);
      if (!target.relay) expect(Math.abs(expiresAt - (before + SESSION_MINUTES * 60_000))).toBeLessThan(60_000);
      else expect(expiresAt).toBeGreaterThan(before);
      const keys = valueOf(await target.gateway.fetchSigningKeys());
      const verified = await target.gateway.verifySessionJwt(session.sessionJwt, keys, Date.now());
      expect(verified).toMatchObject({ ok: true, value: { sessionId: session.sessionId, userId: session.user.userId } });
    });

    it('verifies its JWTs locally: a changed one is invalid, one past exp is expired, and no keys decide nothing', async () => {
      const session = await signIn(nextEmail('jwt'));
      const keys = valueOf(await target.gateway.fetchSigningKeys());
      const [header = '', payload = '', signature = ''] = session.sessionJwt.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
      const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'user-test-someone-else' })).toString('base64url')}.${signature}`;
      expect(await target.gateway.verifySessionJwt(forged, keys, Date.now())).toMatchObject({ ok: false, verdict: 'invalid' });
      expect(await target.gateway.verifySessionJwt(session.sessionJwt, keys, Date.now() + 10 * 60_000)).toMatchObject({ ok: false, verdict: 'expired' });
      expect(await target.gateway.verifySessionJwt(session.sessionJwt, [], Date.now())).toMatchObject({ ok: false, verdict: 'unverifiable' });
    });

    it('tells a returning user apart from a new one', async () => {
      const email = nextEmail('returning');
      await signIn(email);
      const { sent } = await send(email);
      expect(valueOf(sent).userCreated).toBe(false);
    });

    it('refuses an address that is not one', async () => {
      const result = await target.gateway.sendMagicLink({
        email: 'not-an-address',
        codeChallenge: createPkcePair().challenge,
        callbackUrl: CALLBACK,
        loginExpirationMinutes: 60,
        signupExpirationMinutes: 60,
      });
      expect(failureOf(result)).toEqual({ code: 'invalid-email', errorType: 'invalid_email' });
    });

    it('spends a link once: the second use is refused as used', async () => {
      const { token, pkce } = await send(nextEmail('once'));
      valueOf(await authenticate(token, pkce.verifier));
      expect(failureOf(await authenticate(token, pkce.verifier))).toEqual({ code: 'link-expired-or-used', errorType: 'unable_to_auth_magic_link' });
    });

    it('does not know a token it never issued', async () => {
      expect(failureOf(await authenticate('A'.repeat(44), createPkcePair().verifier))).toEqual({ code: 'link-invalid', errorType: 'magic_link_not_found' });
    });

    it('refuses a wrong verifier without spending the link, and a missing one as requested elsewhere', async () => {
      const { token, pkce } = await send(nextEmail('pkce'));
      expect(failureOf(await authenticate(token, createPkcePair().verifier))).toEqual({ code: 'link-from-elsewhere', errorType: 'pkce_mismatch' });
      expect(failureOf(await authenticate(token))).toEqual({ code: 'link-from-elsewhere', errorType: 'pkce_expected_code_verifier' });
      expect(valueOf(await authenticate(token, pkce.verifier)).user.email).toMatch(/^pkce-/);
    });

    it('refuses a link once its expiry has passed', async () => {
      const { token, pkce } = await send(nextEmail('late'));
      target.advanceClock((LINK_MINUTES + 1) * 60);
      expect(failureOf(await authenticate(token, pkce.verifier))).toEqual({ code: 'link-expired-or-used', errorType: 'unable_to_auth_magic_link' });
    });

    it('confirms a live session with a fresh JWT, and calls a revoked one ended', async () => {
      const session = await signIn(nextEmail('session'));
      const confirmed = valueOf(await target.gateway.authenticateSession(session.sessionToken));
      expect(confirmed.sessionId).toBe(session.sessionId);
      expect(confirmed.sessionJwt.split('.')).toHaveLength(3);
      valueOf(await target.gateway.revokeSession(session.sessionToken));
      expect(failureOf(await target.gateway.authenticateSession(session.sessionToken))).toEqual({ code: 'session-ended', errorType: 'session_not_found' });
    });

    it('calls a session past its expiry ended', async () => {
      const session = await signIn(nextEmail('expiry'));
      target.advanceClock(Math.ceil((Date.parse(session.expiresAt) - Date.now()) / 1000) + 60);
      expect(failureOf(await target.gateway.authenticateSession(session.sessionToken))).toEqual({ code: 'session-ended', errorType: 'session_not_found' });
    });

    it("lists the user's sessions with the caller's marked, and revokes another by id", async () => {
      const email = nextEmail('devices');
      const first = await signIn(email);
      const second = await signIn(email);
      const listed = valueOf(await target.gateway.listSessions(callerOf(second)));
      expect(listed.map((session) => [session.sessionId, session.current]).sort()).toEqual(
        [
          [first.sessionId, false],
          [second.sessionId, true],
        ].sort(),
      );
      valueOf(await target.gateway.revokeSessionById(callerOf(second), first.sessionId));
      expect(failureOf(await target.gateway.authenticateSession(first.sessionToken)).code).toBe('session-ended');
      expect(valueOf(await target.gateway.authenticateSession(second.sessionToken)).sessionId).toBe(second.sessionId);
    });

    it('makes an embeddable link that carries no PKCE and signs the same user in', async () => {
      const session = await signIn(nextEmail('embed'));
      const link = valueOf(await target.gateway.createEmbeddableLink(callerOf(session), 10));
      expect(failureOf(await authenticate(link.token, createPkcePair().verifier))).toEqual({
        code: 'link-from-elsewhere',
        errorType: 'pkce_did_not_expect_code_verifier',
      });
      expect(valueOf(await authenticate(link.token)).user.userId).toBe(session.user.userId);
    });

    it('invites a new person with a link that signs them in, and refuses to invite an active user', async () => {
      const inviter = await signIn(nextEmail('inviter'));
      const invitee = nextEmail('invitee');
      valueOf(await target.gateway.invite(callerOf(inviter), { email: invitee, callbackUrl: CALLBACK, firstName: 'Ada', expirationMinutes: 60 }));
      const token = target.latestToken(invitee) ?? '';
      expect(valueOf(await authenticate(token)).user.email).toBe(invitee);
      expect(failureOf(await target.gateway.invite(callerOf(inviter), { email: invitee, callbackUrl: CALLBACK }))).toEqual({
        code: 'already-has-account',
        errorType: 'duplicate_email',
      });
    });

    it('revokes a pending invite, so its link no longer works', async () => {
      const inviter = await signIn(nextEmail('revoker'));
      const invitee = nextEmail('withdrawn');
      valueOf(await target.gateway.invite(callerOf(inviter), { email: invitee, callbackUrl: CALLBACK, expirationMinutes: 60 }));
      const token = target.latestToken(invitee) ?? '';
      valueOf(await target.gateway.revokeInvite(callerOf(inviter), invitee));
      expect(failureOf(await authenticate(token))).toEqual({ code: 'link-expired-or-used', errorType: 'unable_to_auth_magic_link' });
    });

    it('lets an invite link expire after the minutes the app chose (direct) or the relay chose (relay)', async () => {
      const inviter = await signIn(nextEmail('clock'));
      const invitee = nextEmail('expiring');
      valueOf(await target.gateway.invite(callerOf(inviter), { email: invitee, callbackUrl: CALLBACK, expirationMinutes: 5 }));
      const token = target.latestToken(invitee) ?? '';
      target.advanceClock(6 * 60);
      // The relay ignores the app's minutes (this relay says an hour), so the link still works there.
      if (target.relay) expect(valueOf(await authenticate(token)).user.email).toBe(invitee);
      else expect(failureOf(await authenticate(token))).toEqual({ code: 'link-expired-or-used', errorType: 'unable_to_auth_magic_link' });
    });
  });
}
