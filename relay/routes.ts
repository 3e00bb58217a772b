// The relay's route table: for each endpoint, who may call it (nobody in particular, the
// holder of a session token, or a holder Stytch has just confirmed), which body it accepts,
// whether it counts against the per-email limit, and which handler answers.
// Rule: an endpoint not listed here does not exist; a disabled one answers like one that does not.
import type { z } from 'zod';
import type { RelayConfig } from './config';
import * as handlers from './handlers';
import type { Caller, RelayContext } from './handlers';
import type { Reply } from './http-io';
import { authenticateLinkBody, emptyBody, inviteBody, parseBody, revokeInviteBody, sendLinkBody, sessionIdParam } from './schemas';

/**
 * 'none': anyone; 'token': a well-formed bearer token, checked by Stytch in the call itself;
 * 'session': a bearer token Stytch confirms (sessions.authenticate) before the handler runs.
 */
export type AuthMode = 'none' | 'token' | 'session';

export interface Who {
  token: string | undefined;
  caller: Caller | undefined;
}

export type Prepared =
  | { ok: false; message: string; errorType: string }
  | { ok: true; email?: string; run(ctx: RelayContext, who: Who, requestId: string): Promise<Reply> | Reply };

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** Anchored; capture groups become params. */
  pattern: RegExp;
  /** For logs: the path with placeholders, never the raw path. */
  name: string;
  auth: AuthMode;
  /** Whether a request body is expected (POST) or ignored (GET, DELETE). */
  hasBody: boolean;
  enabled?: (config: RelayConfig) => boolean;
  prepare(body: unknown, params: readonly string[]): Prepared;
}

interface Definition<T> {
  method: Route['method'];
  path: string;
  auth: AuthMode;
  schema?: z.ZodType<T>;
  enabled?: (config: RelayConfig) => boolean;
  /** The email to count against the per-email limit, when the endpoint sends mail. */
  email?: (input: T) => string;
  params?: (params: readonly string[]) => { ok: true } | { ok: false; message: string; errorType: string };
  handle(ctx: RelayContext, input: T, who: Who, requestId: string, params: readonly string[]): Promise<Reply> | Reply;
}

function define<T>(def: Definition<T>): Route {
  const source = def.path.replace(/\//g, '\\/').replace(/:[a-z_]+/g, '([^/]+)');
  return {
    method: def.method,
    pattern: new RegExp(`^${source}$`),
    name: `${def.method} ${def.path}`,
    auth: def.auth,
    hasBody: def.method === 'POST',
    ...(def.enabled ? { enabled: def.enabled } : {}),
    prepare(body, params) {
      const paramCheck = def.params?.(params);
      if (paramCheck && !paramCheck.ok) return paramCheck;
      const parsed = def.schema ? parseBody(def.schema, body) : ({ ok: true, value: undefined as T } as const);
      if (!parsed.ok) return parsed;
      const input = parsed.value;
      return {
        ok: true,
        ...(def.email ? { email: def.email(input) } : {}),
        run: (ctx, who, requestId) => def.handle(ctx, input, who, requestId, params),
      };
    },
  };
}

/** Narrows Who for handlers whose route guarantees a confirmed caller or a token. */
function callerOf(who: Who): Caller {
  if (!who.caller) throw new Error('route declared auth "session" but no caller was attached');
  return who.caller;
}
function tokenOf(who: Who): string {
  if (who.token === undefined) throw new Error('route declared auth "token" but no token was attached');
  return who.token;
}

const invitesEnabled = (config: RelayConfig): boolean => config.invitesEnabled;

export const ROUTES: readonly Route[] = [
  define({
    method: 'POST',
    path: '/v1/magic-links/send',
    auth: 'none',
    schema: sendLinkBody,
    email: (input) => input.email,
    handle: (ctx, input, _who, requestId) => handlers.sendLink(ctx, input, requestId),
  }),
  define({
    method: 'POST',
    path: '/v1/magic-links/authenticate',
    auth: 'none',
    schema: authenticateLinkBody,
    handle: (ctx, input, _who, requestId) => handlers.authenticateLink(ctx, input, requestId),
  }),
  define({
    method: 'POST',
    path: '/v1/magic-links/embeddable',
    auth: 'session',
    schema: emptyBody,
    handle: (ctx, _input, who, requestId) => handlers.createEmbeddableLink(ctx, callerOf(who), requestId),
  }),
  define({
    method: 'GET',
    path: '/v1/sessions/jwks',
    auth: 'none',
    handle: (ctx, _input, _who, requestId) => ctx.jwks.reply(ctx, requestId),
  }),
  define({
    method: 'POST',
    path: '/v1/sessions/authenticate',
    auth: 'session',
    schema: emptyBody,
    handle: (_ctx, _input, who, requestId) => handlers.authenticateSession(callerOf(who), requestId),
  }),
  define({
    method: 'POST',
    path: '/v1/sessions/revoke',
    auth: 'token',
    schema: emptyBody,
    handle: (ctx, _input, who, requestId) => handlers.revokeSession(ctx, tokenOf(who), requestId),
  }),
  define({
    method: 'GET',
    path: '/v1/sessions',
    auth: 'session',
    handle: (ctx, _input, who, requestId) => handlers.listSessions(ctx, callerOf(who), requestId),
  }),
  define({
    method: 'DELETE',
    path: '/v1/sessions/:session_id',
    auth: 'session',
    params: (params) => {
      const parsed = sessionIdParam.safeParse(params[0]);
      return parsed.success
        ? { ok: true }
        : { ok: false, message: 'session_id: must be a session id such as session-test-…', errorType: 'bad_request' };
    },
    handle: (ctx, _input, who, requestId, params) => handlers.revokeOwnSession(ctx, callerOf(who), params[0] ?? '', requestId),
  }),
  define({
    method: 'POST',
    path: '/v1/invites',
    auth: 'session',
    schema: inviteBody,
    enabled: invitesEnabled,
    email: (input) => input.email,
    handle: (ctx, input, _who, requestId) => handlers.invite(ctx, input, requestId),
  }),
  define({
    method: 'POST',
    path: '/v1/invites/revoke',
    auth: 'session',
    schema: revokeInviteBody,
    enabled: invitesEnabled,
    handle: (ctx, input, _who, requestId) => handlers.revokeInvite(ctx, input, requestId),
  }),
];

export type Match = { kind: 'found'; route: Route; params: string[] } | { kind: 'wrong-method'; allow: string[] } | { kind: 'none' };

export function matchRoute(method: string, path: string, config: RelayConfig): Match {
  const allow: string[] = [];
  for (const route of ROUTES) {
    if (route.enabled && !route.enabled(config)) continue;
    const found = route.pattern.exec(path);
    if (!found) continue;
    if (route.method === method) {
      return { kind: 'found', route, params: found.slice(1).map((part) => safeDecode(part)) };
    }
    allow.push(route.method);
  }
  return allow.length > 0 ? { kind: 'wrong-method', allow } : { kind: 'none' };
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    // Left encoded: the param schema will refuse it.
    return part;
  }
}
