// The relay's HTTP layer on fastify: the pipeline every request goes through, in order —
// refuse browsers (preflight, Origin), find the route, limit the client network, check the
// bearer header, parse a bounded JSON body, validate it with the route's zod schema, spend an
// anonymous send's budget, confirm the caller's session (then charge that user), run the
// handler — and one JSON log line per request.
// Rule: every request gets exactly one reply with a Stytch-shaped body, `no-store`, and no
// CORS header; nothing is charged to an address or a user before the caller is who it must be.
import { randomUUID } from 'node:crypto';
import fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, validatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { clientIp, clientNetwork } from './client-network';
import type { RelayContext } from './handlers';
import { errorReply, refusalReply, type Reply } from './http-io';
import type { RelayLimits } from './limits';
import type { RelayMetrics } from './metrics';
import { methodsAt, ROUTES, type RouteDef, type Who } from './routes';
import { bearerToken, refusalFor } from './schemas';
import { SharedStateUnavailable } from './shared-state';

export interface RelayAppDeps {
  ctx: RelayContext;
  limits: RelayLimits;
  metrics: RelayMetrics;
  /** The redacting pino instance (json-logger.ts). */
  pino: FastifyBaseLogger;
  /** Answers /readyz: whether this instance can serve (its shared store is reachable). */
  ready(): Promise<boolean>;
  /** True once shutdown began: answers then close their connection, so the drain ends with them. */
  draining(): boolean;
}

interface Outcome {
  errorType?: string;
  stytchRequestId?: string;
  refusedBy?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    clientAddress: string;
    relayOutcome: Outcome | undefined;
  }
}

/** Sends a Reply value; remembers what the log line and metrics need. */
function deliver(request: FastifyRequest, reply: FastifyReply, value: Reply): FastifyReply {
  const body = value.body;
  const outcome: Outcome = {};
  if (typeof body['error_type'] === 'string') outcome.errorType = body['error_type'];
  if (typeof body['request_id'] === 'string' && body['request_id'] !== request.id) outcome.stytchRequestId = body['request_id'];
  if (value.refusedBy) outcome.refusedBy = value.refusedBy;
  request.relayOutcome = outcome;
  return reply.code(value.status).headers(value.headers ?? {}).type('application/json; charset=utf-8').send(JSON.stringify(body));
}

type BearerCheck = { ok: true; value: string } | { ok: false; reply: Reply };

function bearerFrom(header: string | undefined, requestId: string): BearerCheck {
  const challenge = { 'www-authenticate': 'Bearer' };
  if (header === undefined || header.trim() === '') {
    const reply = errorReply(401, 'relay_session_token_required', "This call needs the caller's session token: Authorization: Bearer <session_token>.", requestId);
    return { ok: false, reply: { ...reply, headers: challenge } };
  }
  const found = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!found?.[1] || !bearerToken.safeParse(found[1]).success) {
    const reply = errorReply(401, 'relay_invalid_authorization', 'The Authorization header must be "Bearer <session_token>".', requestId);
    return { ok: false, reply: { ...reply, headers: challenge } };
  }
  return { ok: true, value: found[1] };
}

/** fastify-type-provider-zod keeps each zod issue's fields; rebuild the issues for our messages. */
function zodIssues(validation: readonly { keyword: string; instancePath: string; message?: string; params: Record<string, unknown> }[]): z.core.$ZodIssue[] {
  return validation.map((entry) => ({
    ...entry.params,
    code: entry.keyword,
    path: entry.instancePath.split('/').filter((part) => part !== ''),
    message: entry.message ?? 'is invalid',
  })) as unknown as z.core.$ZodIssue[];
}

function errorFor(error: FastifyError, request: FastifyRequest, maxBodyBytes: number): { reply: Reply; closeAfter?: boolean } {
  const id = request.id;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const input: unknown = error.validationContext === 'params' ? request.params : request.body;
    const refusal = refusalFor(zodIssues(error.validation), input);
    return { reply: errorReply(400, refusal.errorType, refusal.message, id) };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      // Requiring JSON also forces any browser into a preflight, which the relay refuses.
      return { reply: errorReply(415, 'relay_unsupported_media_type', 'Send the body as Content-Type: application/json.', id) };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { reply: errorReply(413, 'request_too_large', `The request body is larger than ${maxBodyBytes} bytes.`, id), closeAfter: true };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { reply: errorReply(400, 'bad_request', 'The request body is not valid JSON.', id) };
  }
  if (error instanceof SharedStateUnavailable) {
    return { reply: { ...refusalReply({ kind: 'unavailable', limit: 'user', retryAfterSeconds: 5 }, id), refusedBy: 'shared_state' } };
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return { reply: errorReply(400, 'bad_request', 'The request could not be read.', id), closeAfter: true };
  }
  return { reply: errorReply(500, 'internal_server_error', 'The relay failed while handling the request.', id) };
}

export function buildRelayApp(deps: RelayAppDeps): FastifyInstance {
  const { ctx, metrics } = deps;
  const { config, logger } = ctx;
  const app = fastify({
    loggerInstance: deps.pino,
    // The relay writes its own one line per request (onResponse below).
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'request_id' }),
    genReqId: () => `relay-request-${randomUUID()}`,
    bodyLimit: config.maxBodyBytes,
    // Slow-loris guards; the request timeout leaves room for the upstream timeout.
    requestTimeout: config.stytch.timeoutMs + 20_000,
    connectionTimeout: config.stytch.timeoutMs + 30_000,
    keepAliveTimeout: 5_000,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  app.server.headersTimeout = 10_000;
  app.setValidatorCompiler(validatorCompiler);
  app.decorateRequest('clientAddress', '');
  app.decorateRequest('relayOutcome', undefined);

  // Only JSON is read; anything else is 415. An empty JSON body means {}.
  app.removeAllContentTypeParsers();
  const json = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (typeof body === 'string' && body.trim() === '') {
      done(null, {});
      return;
    }
    void json(request, body as string, done);
  });

  app.addHook('onRequest', async (request, reply) => {
    request.clientAddress = clientIp({ headers: request.headers, socket: request.raw.socket }, config.trustProxyHops);
    void reply.headers({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'x-request-id': request.id });
    if (request.method === 'OPTIONS') {
      // A CORS preflight: the relay serves the desktop app, never a web page.
      const refused = errorReply(405, 'method_not_allowed', 'The relay does not serve browsers; preflight refused.', request.id);
      return deliver(request, reply, { ...refused, headers: { allow: 'GET, POST, DELETE' } });
    }
    if (request.headers.origin !== undefined) {
      return deliver(request, reply, errorReply(403, 'relay_cross_origin_refused', 'The relay does not serve browsers.', request.id));
    }
    return undefined;
  });

  app.addHook('onSend', async (_request, reply) => {
    if (deps.draining()) void reply.header('connection', 'close');
  });

  app.addHook('onResponse', async (request, reply) => {
    const outcome = request.relayOutcome ?? {};
    const route = request.routeOptions.url ? `${request.method} ${request.routeOptions.url}` : 'unmatched';
    metrics.request(route, request.method, reply.statusCode);
    if (outcome.refusedBy) metrics.refused(outcome.refusedBy, outcome.errorType ?? String(reply.statusCode));
    logger[reply.statusCode >= 500 ? 'warn' : 'info']('request', {
      request_id: request.id,
      method: request.method,
      route,
      status: reply.statusCode,
      ...(outcome.errorType ? { error_type: outcome.errorType } : {}),
      ...(outcome.stytchRequestId ? { stytch_request_id: outcome.stytchRequestId } : {}),
      duration_ms: Math.round(reply.elapsedTime),
      ip: request.clientAddress,
    });
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { reply: value, closeAfter } = errorFor(error, request, config.maxBodyBytes);
    if (value.status >= 500) logger.error('relay request failed', { request_id: request.id, error });
    if (closeAfter) void reply.header('connection', 'close');
    return deliver(request, reply, value);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allow = methodsAt(path, config);
    if (allow.length === 0) return deliver(request, reply, errorReply(404, 'route_not_found', `No such relay endpoint: ${request.method} ${path}.`, request.id));
    const refused = errorReply(405, 'method_not_allowed', `Use ${allow.join(' or ')} for this endpoint.`, request.id);
    return deliver(request, reply, { ...refused, headers: { allow: allow.join(', ') } });
  });

  // Liveness and readiness for a load balancer: never limited, never asking Stytch (or every
  // instance would leave the pool together when Stytch is slow).
  app.get('/healthz', (request, reply) => deliver(request, reply, { status: 200, body: { ok: true } }));
  app.get('/readyz', async (request, reply) => {
    if (await deps.ready()) return deliver(request, reply, { status: 200, body: { ok: true } });
    return deliver(request, reply, errorReply(503, 'relay_not_ready', 'The relay cannot reach its shared store.', request.id));
  });

  for (const route of ROUTES) {
    if (route.enabled && !route.enabled(config)) continue;
    registerRoute(app, route, deps);
  }
  return app;
}

function registerRoute(app: FastifyInstance, route: RouteDef, deps: RelayAppDeps): void {
  const { ctx, limits } = deps;
  app.route({
    method: route.method,
    url: route.path,
    schema: { ...(route.body ? { body: route.body } : {}), ...(route.params ? { params: route.params } : {}) },
    onRequest: async (request, reply) => {
      const refused = await limits.ip.consume(clientNetwork(request.clientAddress));
      if (refused) return deliver(request, reply, refusalReply(refused, request.id));
      if (route.auth !== 'none') {
        const bearer = bearerFrom(request.headers.authorization, request.id);
        if (!bearer.ok) return deliver(request, reply, bearer.reply);
      }
      return undefined;
    },
    preValidation: (request, _reply, done) => {
      // GET and DELETE take no body; a POST without one is {} and meets its schema as such.
      if (route.method !== 'POST' || request.body === undefined || request.body === null) request.body = {};
      done();
    },
    handler: async (request, reply) => {
      const network = clientNetwork(request.clientAddress);
      const input: unknown = request.body;
      if (route.sendsTo) {
        const refused = await ctx.sendBudget.charge(route.sendsTo(input), network, request.id);
        if (refused) return deliver(request, reply, refusalReply(refused, request.id));
      }
      const who: Who = { token: undefined, caller: undefined, network };
      if (route.auth !== 'none') {
        const bearer = bearerFrom(request.headers.authorization, request.id);
        if (!bearer.ok) return deliver(request, reply, bearer.reply);
        who.token = bearer.value;
      }
      if (route.auth === 'session' && who.token !== undefined) {
        const confirmed = await ctx.gate.confirm(who.token, request.id);
        if (!confirmed.ok) return deliver(request, reply, confirmed.reply);
        who.caller = confirmed.caller;
      }
      const params = (request.params ?? {}) as Record<string, string>;
      return deliver(request, reply, await route.handle(ctx, input, who, request.id, params));
    },
  });
}
