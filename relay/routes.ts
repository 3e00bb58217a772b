// The relay's route table: for each endpoint, who may call it (nobody in particular, the
// holder of a session token, or a holder Stytch has just confirmed), which body it accepts,
// whether an anonymous send spends an address's budget first, and which handler answers.
// Rule: an endpoint not listed here does not exist; a disabled one answers like one that does not.
import { z } from 'zod';
import type { RelayConfig } from './config';
import * as handlers from './handlers';
import type { RelayContext } from './handlers';
import type { Reply } from './http-io';
import { authenticateLinkBody, emptyBody, inviteBody, revokeInviteBody, sendLinkBody, sessionIdParam } from './schemas';
import type { Caller } from './session-gate';

/**
 * 'none': anyone; 'token': a well-formed bearer token, checked by Stytch in the call itself;
 * 'session': a bearer token Stytch confirms (sessions.authenticate) before the handler runs.
 */
export type AuthMode = 'none' | 'token' | 'session';

export interface Who {
  token: string | undefined;
  caller: Caller | undefined;
  /** The client network limits count under (client-network.ts). */
  network: string;
}

export interface RouteDef {
  method: 'GET' | 'POST' | 'DELETE';
  /** fastify's path syntax; also the route's name in logs and metrics. */
  path: string;
  auth: AuthMode;
  body?: z.ZodType;
  params?: z.ZodType;
  enabled?: (config: RelayConfig) => boolean;
  /** The address an anonymous send spends budget for, before Stytch is asked. */
  sendsTo?: (input: unknown) => string;
  handle(ctx: RelayContext, input: unknown, who: Who, requestId: string, params: Record<string, string>): Promise<Reply> | Reply;
}

interface Definition<T> extends Omit<RouteDef, 'body' | 'sendsTo' | 'handle'> {
  body?: z.ZodType<T>;
  sendsTo?: (input: T) => string;
  handle(ctx: RelayContext, input: T, who: Who, requestId: string, params: Record<string, string>): Promise<Reply> | Reply;
}

/** Erases the input type once the schema that guarantees it is attached. */
function define<T>(def: Definition<T>): RouteDef {
  return def as unknown as RouteDef;
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

export const ROUTES: readonly RouteDef[] = [
  define({
    method: 'POST',
    path: '/v1/magic-links/send',
    auth: 'none',
    body: sendLinkBody,
    sendsTo: (input) => input.email,
    handle: (ctx, input, _who, requestId) => handlers.sendLink(ctx, input, requestId),
  }),
  define({
    method: 'POST',
    path: '/v1/magic-links/authenticate',
    auth: 'none',
    body: authenticateLinkBody,
    handle: (ctx, input, _who, requestId) => handlers.authenticateLink(ctx, input, requestId),
  }),
  define({
    method: 'POST',
    path: '/v1/magic-links/embeddable',
    auth: 'session',
    body: emptyBody,
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
    body: emptyBody,
    handle: (_ctx, _input, who, requestId) => handlers.authenticateSession(callerOf(who), requestId),
  }),
  define({
    method: 'POST',
    path: '/v1/sessions/revoke',
    auth: 'token',
    body: emptyBody,
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
    params: z.object({ session_id: sessionIdParam }),
    handle: (ctx, _input, who, requestId, params) => handlers.revokeOwnSession(ctx, callerOf(who), params['session_id'] ?? '', requestId),
  }),
  define({
    method: 'POST',
    path: '/v1/invites',
    auth: 'session',
    body: inviteBody,
    enabled: invitesEnabled,
    handle: (ctx, input, who, requestId) => handlers.invite(ctx, callerOf(who), who.network, input, requestId),
  }),
  define({
    method: 'POST',
    path: '/v1/invites/revoke',
    auth: 'session',
    body: revokeInviteBody,
    enabled: invitesEnabled,
    handle: (ctx, input, who, requestId) => handlers.revokeInvite(ctx, callerOf(who), input, requestId),
  }),
];

/** The methods some route answers at `path`, for telling 405 from 404. */
export function methodsAt(path: string, config: RelayConfig): string[] {
  return ROUTES.filter((route) => (route.enabled?.(config) ?? true) && templateMatches(route.path, path)).map((route) => route.method);
}

function templateMatches(template: string, path: string): boolean {
  const want = template.split('/');
  const got = path.split('/');
  return want.length === got.length && want.every((part, index) => part.startsWith(':') ? (got[index] ?? '') !== '' : part === got[index]);
}
