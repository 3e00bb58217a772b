// StytchGateway over the official SDK (direct mode: the secret is on this machine). One
// client per gateway, one undici Agent with hard timeouts, and a timer race as a backstop,
// because the SDK's own `timeout` option is ignored by fetch.
// Rule: nothing here may import electron; no token leaves this file except inside results.
import { Agent } from 'undici';
import type { Logger } from '../../common/ports';
import { createStytchClient } from '../../common/stytch/client';
import type { SignUpPolicy } from '../../common/stytch/constants';
import type { RoutedNetwork } from '../network/routing-dispatcher';
import { mapStytchError } from './error-map';
import { stytchJwtExpectations, verifyJwtLocally } from './jwt-verify';
import type {
  ActiveSession,
  AuthenticatedSession,
  GatewayResult,
  MagicLinkAuthRequest,
  PublicJwk,
  SendLinkRequest,
  SendLinkResult,
  StytchGateway,
  UserSummary,
} from './stytch-gateway';

export interface SdkGatewayOptions {
  projectId: string;
  secret: string;
  /** No trailing slash; undefined → the SDK picks test or live from the project id. */
  baseUrl: string | undefined;
  timeoutMs: number;
  logger: Logger;
  /** 'existing-users-only' sends with magicLinks.email.send, which never creates a user; default 'open'. */
  signUpPolicy?: SignUpPolicy;
  /** Routes calls the way the system's proxy settings say (main/network); default direct. */
  network?: RoutedNetwork;
}

interface SdkUser {
  user_id: string;
  emails?: { email: string }[];
  name?: { first_name?: string; last_name?: string };
}

interface SdkSession {
  session_id: string;
  expires_at?: string;
  started_at?: string;
  last_accessed_at?: string;
}

function summarizeUser(user: SdkUser): UserSummary {
  const name = [user.name?.first_name, user.name?.last_name].filter((part) => part && part.trim()).join(' ');
  return { userId: user.user_id, email: user.emails?.[0]?.email ?? null, name: name || null };
}

function toSession(body: {
  session_token: string;
  session_jwt: string;
  session?: SdkSession | null;
  user: SdkUser;
}): GatewayResult<AuthenticatedSession> {
  const session = body.session;
  if (!session || !body.session_token || !body.session_jwt || !session.expires_at) {
    return { ok: false, failure: { code: 'unexpected', detail: 'Stytch answered without a session' } };
  }
  return {
    ok: true,
    value: {
      sessionToken: body.session_token,
      sessionJwt: body.session_jwt,
      sessionId: session.session_id,
      user: summarizeUser(body.user),
      expiresAt: session.expires_at,
      startedAt: session.started_at ?? session.expires_at,
    },
  };
}

export function createSdkGateway(options: SdkGatewayOptions): StytchGateway {
  const agent =
    options.network ??
    new Agent({
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connect: { timeout: options.timeoutMs },
    });
  // The SDK keeps only "fetch failed" of a network error; the network remembers the cause.
  const stytchOrigin = options.baseUrl ?? (options.projectId.startsWith('project-live-') ? 'https://api.stytch.com' : 'https://test.stytch.com');
  const client = createStytchClient({ projectId: options.projectId, secret: options.secret, apiUrl: options.baseUrl, dispatcher: agent, logger: options.logger });
  const expectations = stytchJwtExpectations(options.projectId, options.baseUrl);

  async function call<T, R>(label: string, run: () => Promise<T>, shape: (body: T) => GatewayResult<R>): Promise<GatewayResult<R>> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), options.timeoutMs);
    });
    const attempt = run().then(
      (body) => ({ body }),
      (error: unknown) => ({ error }),
    );
    try {
      const outcome = await Promise.race([attempt, timedOut]);
      if (outcome === 'timeout') {
        options.logger.warn(`stytch ${label} timed out`, { timeoutMs: options.timeoutMs });
        return { ok: false, failure: { code: 'timeout', detail: `no answer within ${options.timeoutMs} ms` } };
      }
      if ('error' in outcome) {
        const mapped = mapStytchError(outcome.error);
        const problem = mapped.code === 'offline' ? (options.network?.problemFor(stytchOrigin) ?? null) : null;
        const failure = problem === null ? mapped : { ...mapped, code: problem };
        options.logger.warn(`stytch ${label} failed`, { ...failure });
        return { ok: false, failure };
      }
      return shape(outcome.body);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    sendMagicLink: (request: SendLinkRequest) => {
      const fields = {
        email: request.email,
        login_magic_link_url: request.callbackUrl,
        signup_magic_link_url: request.callbackUrl,
        login_expiration_minutes: request.loginExpirationMinutes,
        signup_expiration_minutes: request.signupExpirationMinutes,
        code_challenge: request.codeChallenge,
      };
      // send answers email_not_found for an unknown address instead of creating the user;
      // a pending (invited) user still gets a link.
      if (options.signUpPolicy === 'existing-users-only') {
        return call(
          'send',
          () => client.magicLinks.email.send(fields),
          (body): GatewayResult<SendLinkResult> => ({ ok: true, value: { userId: body.user_id, userCreated: false } }),
        );
      }
      return call(
        'login_or_create',
        () => client.magicLinks.email.loginOrCreate(fields),
        (body): GatewayResult<SendLinkResult> => ({
          ok: true,
          value: { userId: body.user_id, userCreated: body.user_created },
        }),
      );
    },

    authenticateMagicLink: (request: MagicLinkAuthRequest) =>
      call(
        'magic link authenticate',
        () =>
          client.magicLinks.authenticate({
            token: request.token,
            session_duration_minutes: request.sessionDurationMinutes,
            ...(request.codeVerifier !== undefined ? { code_verifier: request.codeVerifier } : {}),
          }),
        toSession,
      ),

    authenticateSession: (sessionToken: string) =>
      call('session authenticate', () => client.sessions.authenticate({ session_token: sessionToken }), toSession),

    fetchSigningKeys: () =>
      call(
        'jwks',
        () => client.sessions.getJWKS({ project_id: options.projectId }),
        (body): GatewayResult<PublicJwk[]> => ({ ok: true, value: body.keys.map((key) => ({ ...key })) }),
      ),

    verifySessionJwt: (jwt, keys, nowMs) => verifyJwtLocally(jwt, keys, nowMs, expectations),

    revokeSession: (sessionToken: string) =>
      call('session revoke', () => client.sessions.revoke({ session_token: sessionToken }), () => ({ ok: true, value: null })),

    listSessions: (caller) =>
      call(
        'sessions get',
        () => client.sessions.get({ user_id: caller.userId }),
        (body): GatewayResult<ActiveSession[]> => ({
          ok: true,
          value: body.sessions.map((session: SdkSession) => ({
            sessionId: session.session_id,
            startedAt: session.started_at ?? null,
            lastAccessedAt: session.last_accessed_at ?? null,
            expiresAt: session.expires_at ?? null,
            current: session.session_id === caller.sessionId,
          })),
        }),
      ),

    // Direct mode holds the secret, which could revoke any session anyway; callers pass
    // only ids that listSessions returned for their own user.
    revokeSessionById: (_caller, sessionId) =>
      call('session revoke by id', () => client.sessions.revoke({ session_id: sessionId }), () => ({ ok: true, value: null })),

    createEmbeddableLink: (caller, expirationMinutes) =>
      call(
        'embeddable create',
        () => client.magicLinks.create({ user_id: caller.userId, expiration_minutes: expirationMinutes }),
        (body) => ({ ok: true, value: { token: body.token, expirationMinutes } }),
      ),

    invite: (_caller, request) => {
      const name = {
        ...(request.firstName ? { first_name: request.firstName } : {}),
        ...(request.lastName ? { last_name: request.lastName } : {}),
      };
      return call(
        'invite',
        () =>
          client.magicLinks.email.invite({
            email: request.email,
            invite_magic_link_url: request.callbackUrl,
            ...(request.expirationMinutes !== undefined ? { invite_expiration_minutes: request.expirationMinutes } : {}),
            ...(Object.keys(name).length > 0 ? { name } : {}),
          }),
        (body) => ({ ok: true, value: { userId: body.user_id } }),
      );
    },

    revokeInvite: (_caller, email) =>
      call('revoke invite', () => client.magicLinks.email.revokeInvite({ email }), () => ({ ok: true, value: null })),

    close: () => agent.destroy(),
  };
}
