// The relay's HTTP server: the pipeline every request goes through, in order — refuse
// browsers (preflight, Origin), find the route, rate-limit the IP, read a bounded body, check
// the JSON strictly, rate-limit the email, confirm the caller's session, run the handler —
// and one JSON log line per request.
// Rule: every request gets exactly one reply with a Stytch-shaped body, and no CORS header.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../main/ports';
import { resolveRelayConfig, type RelayConfig, type RelayConfigInput } from './config';
import { JwksCache, type RelayContext } from './handlers';
import { errorReply, rateLimitedReply, readBody, send, type Reply } from './http-io';
import { createJsonLogger } from './json-logger';
import { createStdoutLineSink, type LineSink } from './line-sink';
import { RateLimiter } from './rate-limit';
import { matchRoute, type Route, type Who } from './routes';
import { bearerToken } from './schemas';
import { createUpstream } from './upstream';

export interface StartRelayOptions extends RelayConfigInput {
  /** Default: JSON lines on stdout, redacted. Any Logger port implementation fits. */
  logger?: Logger;
  /** For rate limiters and caches; tests step it instead of sleeping. */
  now?: () => number;
}

export interface RunningRelay {
  /** No trailing slash. */
  url: string;
  config: RelayConfig;
  close(): Promise<void>;
}

export async function startRelay(options: StartRelayOptions): Promise<RunningRelay> {
  const config = resolveRelayConfig(options);
  // Only the default logger owns an output to drain on close; a given one is the caller's.
  const sink: LineSink | undefined = options.logger ? undefined : createStdoutLineSink();
  const logger = options.logger ?? createJsonLogger((line) => sink?.write(line), { secrets: [config.stytch.secret] });
  const now = options.now ?? Date.now;
  const upstream = createUpstream(config, logger);
  const ctx: RelayContext = { config, upstream, logger, jwks: new JwksCache(5 * 60_000, now) };
  const limits = { ip: new RateLimiter(config.rateLimits.perIp, now), email: new RateLimiter(config.rateLimits.perEmail, now) };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      logger.error('relay request crashed', { error });
      send(res, errorReply(500, 'internal_server_error', 'The relay failed while handling the request.', 'relay-request-unknown'), 'relay-request-unknown');
    });
  });
  // Slow-loris guards; the request timeout leaves room for the upstream timeout.
  server.headersTimeout = 10_000;
  server.requestTimeout = config.stytch.timeoutMs + 20_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = `relay-request-${randomUUID()}`;
    const started = performance.now();
    const ip = clientIp(req, config.trustProxyHops);
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const match = matchRoute(method, path, config);
    const routeName = match.kind === 'found' ? match.route.name : path === '/healthz' ? 'GET /healthz' : 'unmatched';
    let closeAfter = false;

    const reply = await (async (): Promise<Reply> => {
      if (method === 'OPTIONS') {
        // A CORS preflight: the relay serves the desktop app, never a web page.
        return withHeaders(errorReply(405, 'method_not_allowed', 'The relay does not serve browsers; preflight refused.', requestId), {
          allow: 'GET, POST, DELETE',
        });
      }
      if (req.headers.origin !== undefined) {
        return errorReply(403, 'relay_cross_origin_refused', 'The relay does not serve browsers.', requestId);
      }
      if (path === '/healthz') {
        return method === 'GET' ? { status: 200, body: { ok: true } } : withHeaders(errorReply(405, 'method_not_allowed', 'Use GET.', requestId), { allow: 'GET' });
      }
      if (match.kind === 'none') return errorReply(404, 'route_not_found', `No such relay endpoint: ${method} ${path}.`, requestId);
      if (match.kind === 'wrong-method') {
        return withHeaders(errorReply(405, 'method_not_allowed', `Use ${match.allow.join(' or ')} for this endpoint.`, requestId), {
          allow: match.allow.join(', '),
        });
      }
      const byIp = limits.ip.take(ip);
      if (!byIp.allowed) return rateLimitedReply(byIp.retryAfterSeconds, 'from this address', requestId);

      const token = match.route.auth === 'none' ? undefined : bearerFrom(req);
      if (token && !token.ok) return token.reply(requestId);

      const read = await readBody(req, config.maxBodyBytes);
      if (!read.ok) {
        closeAfter = true;
        return read.reason === 'too_large'
          ? errorReply(413, 'request_too_large', `The request body is larger than ${config.maxBodyBytes} bytes.`, requestId)
          : errorReply(400, 'bad_request', 'The request body could not be read.', requestId);
      }
      const body = parseJson(req, read.text, match.route, requestId);
      if (!body.ok) return body.reply;
      const prepared = match.route.prepare(body.value, match.params);
      if (!prepared.ok) return errorReply(400, prepared.errorType, prepared.message, requestId);

      if (prepared.email !== undefined) {
        const byEmail = limits.email.take(prepared.email.toLowerCase());
        if (!byEmail.allowed) return rateLimitedReply(byEmail.retryAfterSeconds, 'for this email address', requestId);
      }
      const who: Who = { token: token?.value, caller: undefined };
      if (match.route.auth === 'session' && who.token !== undefined) {
        const sessionToken = who.token;
        const confirmed = await upstream.call('sessions.authenticate', requestId, (client) =>
          client.sessions.authenticate({ session_token: sessionToken }),
        );
        if (!confirmed.ok) return confirmed.reply;
        const { session, user } = confirmed.body;
        who.caller = { sessionToken, userId: user.user_id, sessionId: session.session_id, authenticated: confirmed.body };
      }
      return prepared.run(ctx, who, requestId);
    })();

    send(res, reply, requestId, closeAfter);
    const status = reply.status;
    logger[status >= 500 ? 'warn' : 'info']('request', {
      request_id: requestId,
      method,
      route: routeName,
      status,
      ...(typeof reply.body['error_type'] === 'string' ? { error_type: reply.body['error_type'] } : {}),
      ...(reply.body['request_id'] !== requestId && typeof reply.body['request_id'] === 'string' ? { stytch_request_id: reply.body['request_id'] } : {}),
      duration_ms: Math.round(performance.now() - started),
      ip,
    });
  }

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
  const hostForUrl = config.host.includes(':') && !config.host.startsWith('[') ? `[${config.host}]` : config.host;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${hostForUrl}:${port}`,
    config,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })
        .then(() => upstream.close())
        .then(() => sink?.drain());
      return closing;
    },
  };
}

function withHeaders(reply: Reply, headers: Record<string, string>): Reply {
  return { ...reply, headers: { ...reply.headers, ...headers } };
}

type BearerCheck = { ok: true; value: string } | { ok: false; reply: (requestId: string) => Reply };

function bearerFrom(req: IncomingMessage): BearerCheck {
  const header = req.headers.authorization;
  const challenge = { 'www-authenticate': 'Bearer' };
  if (header === undefined || header.trim() === '') {
    return {
      ok: false,
      reply: (id) =>
        withHeaders(errorReply(401, 'relay_session_token_required', "This call needs the caller's session token: Authorization: Bearer <session_token>.", id), challenge),
    };
  }
  const found = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!found?.[1] || !bearerToken.safeParse(found[1]).success) {
    return {
      ok: false,
      reply: (id) => withHeaders(errorReply(401, 'relay_invalid_authorization', 'The Authorization header must be "Bearer <session_token>".', id), challenge),
    };
  }
  return { ok: true, value: found[1] };
}

type JsonCheck = { ok: true; value: unknown } | { ok: false; reply: Reply };

function parseJson(req: IncomingMessage, text: string, route: Route, requestId: string): JsonCheck {
  // GET and DELETE take no body; one sent anyway is ignored rather than trusted.
  if (!route.hasBody || text.trim() === '') return { ok: true, value: {} };
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    // Requiring JSON also forces any browser into a preflight, which the relay refuses.
    return { ok: false, reply: errorReply(415, 'relay_unsupported_media_type', 'Send the body as Content-Type: application/json.', requestId) };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reply: errorReply(400, 'bad_request', 'The request body is not valid JSON.', requestId) };
  }
}

/**
 * The caller's address. Behind N trusted proxies, each appends the address it saw to
 * X-Forwarded-For, so the client is the Nth entry from the right; anything further left was
 * written by the client and could be anything.
 */
export function clientIp(req: Pick<IncomingMessage, 'headers' | 'socket'>, trustedHops: number): string {
  const direct = req.socket.remoteAddress ?? 'unknown';
  if (trustedHops <= 0) return direct;
  const header = req.headers['x-forwarded-for'];
  const list = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (list.length === 0) return direct;
  return list[Math.max(0, list.length - trustedHops)] ?? direct;
}
