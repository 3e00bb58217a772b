// §4.7–4.10: sessions authenticate / revoke / get and the JWKS. The rule: a session that is
// revoked, expired (emulator clock) or whose user is gone is "not found"; a JWT only needs a
// valid signature to name its session, its exp is irrelevant here.
import type { ApiRoute } from '../api';
import { StytchApiError } from '../errors';
import { optObject, optString } from '../fields';
import { hasIdShape } from '../ids';
import { sessionJson, userJson, DEFAULT_ROLES } from '../objects';
import { claimsField, durationField, liveSession, mergedClaims, mintJwt, sessionFromJwt, touchSession } from '../session-service';

const authenticate: ApiRoute = {
  method: 'POST',
  pattern: /^\/v1\/sessions\/authenticate$/,
  auth: 'required',
  async handler(ctx, { body }) {
    const token = optString(body, 'session_token');
    const jwt = optString(body, 'session_jwt');
    const minutes = durationField(body);
    const claims = claimsField(body);
    const authorizationCheck = optObject(body, 'authorization_check');
    if (token !== undefined && jwt !== undefined) throw new StytchApiError('too_many_session_arguments');
    if (token === undefined && jwt === undefined) throw new StytchApiError('no_session_arguments');
    const session = await liveSession(ctx, token, jwt);
    const user = ctx.store.users.get(session.user_id);
    if (!user) throw new StytchApiError('session_not_found');
    session.custom_claims = mergedClaims(session.custom_claims, claims);
    touchSession(ctx, session, minutes);
    return {
      session: sessionJson(session),
      session_token: session.session_token,
      session_jwt: await mintJwt(ctx, session),
      user: userJson(user),
      // The emulator has no RBAC policy: every check is granted by the default role.
      ...(authorizationCheck && { verdict: { authorized: true, granting_roles: DEFAULT_ROLES } }),
    };
  },
};

const revoke: ApiRoute = {
  method: 'POST',
  pattern: /^\/v1\/sessions\/revoke$/,
  auth: 'required',
  async handler(ctx, { body }) {
    const id = optString(body, 'session_id');
    const token = optString(body, 'session_token');
    const jwt = optString(body, 'session_jwt');
    const given = [id, token, jwt].filter((v) => v !== undefined).length;
    if (given > 1) throw new StytchApiError('too_many_session_revoke_arguments');
    if (given === 0) throw new StytchApiError('no_session_revoke_arguments');
    if (id !== undefined && !hasIdShape('session', id)) throw new StytchApiError('invalid_session_id');
    const session =
      id !== undefined ? ctx.store.sessions.get(id) : token !== undefined ? ctx.store.sessionsByToken.get(token) : await sessionFromJwt(ctx, jwt ?? '');
    if (!session || !ctx.store.isSessionLive(session, ctx.clock.now())) throw new StytchApiError('session_not_found');
    ctx.store.revokeSession(session);
    return {};
  },
};

const list: ApiRoute = {
  method: 'GET',
  pattern: /^\/v1\/sessions$/,
  auth: 'required',
  handler(ctx, { query }) {
    const userId = query.get('user_id') ?? '';
    if (!hasIdShape('user', userId)) throw new StytchApiError('invalid_user_id');
    if (!ctx.store.users.has(userId)) throw new StytchApiError('user_not_found');
    const now = ctx.clock.now();
    const sessions = [...ctx.store.sessions.values()].filter((s) => s.user_id === userId && ctx.store.isSessionLive(s, now));
    return { sessions: sessions.map(sessionJson) };
  },
};

const jwks: ApiRoute = {
  method: 'GET',
  pattern: /^\/v1\/sessions\/jwks\/([^/]+)$/,
  auth: 'optional',
  handler(ctx, { params }) {
    if (params[0] !== ctx.config.projectId) throw new StytchApiError('project_not_found');
    return { keys: [ctx.key.jwk] };
  },
};

export const sessionRoutes: ApiRoute[] = [authenticate, revoke, list, jwks];
