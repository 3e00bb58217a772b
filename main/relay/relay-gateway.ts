// StytchGateway over the organisation's relay (relay mode): the installed app holds no Stytch
// secret, only the relay's URL. Same interface and same failure codes as the SDK gateway,
// so the flow cannot tell which one it has.
// What the relay decides instead of the app: the callback URL, link expirations and session
// length in SendLinkRequest / MagicLinkAuthRequest are not sent — the relay refuses them and
// applies its own configuration.
// Rule: nothing here may import electron; no call throws; every call ends within timeoutMs.
import type { Dispatcher } from 'undici';
import { z } from 'zod';
import type {
  AuthenticatedSession,
  InviteRequest,
  PublicJwk,
  SessionCaller,
  StytchGateway,
} from '../auth/stytch-gateway';
import type { Logger } from '../../common/ports';
import { publicJwkSchema } from '../session/session-vault';
import { verifyRelayJwt } from './relay-jwt';
import { createRelayAccount, type RelayAccount } from './relay-account';
import { createRelayHttp } from './relay-http';

export interface RelayGatewayOptions {
  /** The relay's base URL, e.g. https://auth.example.org; a trailing slash is ignored. */
  relayUrl: string;
  timeoutMs: number;
  logger: Logger;
  /** Routes calls the way the system's proxy settings say (main/network); default direct. */
  network?: Dispatcher;
  /**
   * The Stytch project the relay serves, when the app's configuration pins it. Without it the
   * project is learned from the relay's signing-key answer, and before that from the JWT
   * itself (see verifySessionJwt).
   */
  projectId?: string;
}

const authenticatedBody = z.object({
  session_token: z.string().min(1),
  session_jwt: z.string().min(1),
  session: z.object({
    session_id: z.string(),
    started_at: z.string().nullable(),
    expires_at: z.string(),
  }),
  user: z.object({ user_id: z.string(), email: z.string().nullable(), name: z.string().nullable() }),
});

// The relay answers `user_created` only; an older relay's `user_id` is accepted and ignored.
const sendBody = z.object({ user_created: z.boolean() });

const jwksBody = z.object({
  project_id: z.string(),
  keys: z.array(publicJwkSchema),
});

const ok = z.object({});

/**
 * The core's gateway plus the relay's own account calls. The account methods answer both
 * ways: with the StytchGateway's SessionCaller, and with a bare session token as the
 * relay's own API has it (the relay works the user out from the token either way).
 */
export type RelayGateway = StytchGateway & RelayAccount;

const tokenOf = (caller: SessionCaller | string): string => (typeof caller === 'string' ? caller : caller.sessionToken);

function toSession(body: z.infer<typeof authenticatedBody>): AuthenticatedSession {
  return {
    sessionToken: body.session_token,
    sessionJwt: body.session_jwt,
    sessionId: body.session.session_id,
    user: { userId: body.user.user_id, email: body.user.email, name: body.user.name },
    expiresAt: body.session.expires_at,
    startedAt: body.session.started_at ?? body.session.expires_at,
  };
}

export function createRelayGateway(options: RelayGatewayOptions): RelayGateway {
  const http = createRelayHttp(options);
  const call = http.call;
  const account = createRelayAccount(http);
  let learnedProjectId = options.projectId;

  return {
    async sendMagicLink(request) {
      const result = await call(
        'send',
        { method: 'POST', path: '/v1/magic-links/send', body: { email: request.email, code_challenge: request.codeChallenge } },
        sendBody,
      );
      return result.ok ? { ok: true, value: { userCreated: result.value.user_created } } : result;
    },

    async authenticateMagicLink(request) {
      const body = { token: request.token, ...(request.codeVerifier !== undefined ? { code_verifier: request.codeVerifier } : {}) };
      const result = await call('magic link authenticate', { method: 'POST', path: '/v1/magic-links/authenticate', body }, authenticatedBody);
      return result.ok ? { ok: true, value: toSession(result.value) } : result;
    },

    async authenticateSession(sessionToken) {
      const result = await call(
        'session authenticate',
        { method: 'POST', path: '/v1/sessions/authenticate', body: {}, bearer: sessionToken },
        authenticatedBody,
      );
      return result.ok ? { ok: true, value: toSession(result.value) } : result;
    },

    async fetchSigningKeys() {
      const result = await call('jwks', { method: 'GET', path: '/v1/sessions/jwks' }, jwksBody);
      if (!result.ok) return result;
      if (options.projectId !== undefined && result.value.project_id !== options.projectId) {
        return {
          ok: false,
          failure: { code: 'misconfigured', detail: `the relay serves project ${result.value.project_id}, not the configured one` },
        };
      }
      learnedProjectId = result.value.project_id;
      const keys: PublicJwk[] = result.value.keys.map((key) => ({ ...key }));
      return { ok: true, value: keys };
    },

    verifySessionJwt: (jwt, keys, nowMs) => verifyRelayJwt(learnedProjectId, jwt, keys, nowMs),

    async revokeSession(sessionToken) {
      const result = await call('session revoke', { method: 'POST', path: '/v1/sessions/revoke', body: {}, bearer: sessionToken }, ok);
      return result.ok ? { ok: true, value: null } : result;
    },

    ...account,
    listSessions: (caller: SessionCaller | string) => account.listSessions(tokenOf(caller)),
    revokeSessionById: (caller, sessionId) => account.revokeOwnSession(caller.sessionToken, sessionId),
    // The relay decides the expiry of the links it mints; the requested minutes are not sent.
    createEmbeddableLink: (caller: SessionCaller | string) => account.createEmbeddableLink(tokenOf(caller)),
    // The relay applies its own callback URL to invites, as it does to sign-in links.
    invite: (caller: SessionCaller | string, request: InviteRequest) => {
      const { email, firstName, lastName } = request;
      return account.invite(tokenOf(caller), { email, ...(firstName ? { firstName } : {}), ...(lastName ? { lastName } : {}) });
    },
    revokeInvite: (caller: SessionCaller | string, email: string) => account.revokeInvite(tokenOf(caller), email),

    close: () => http.close(),
  };
}
