// The /v1 route table and its dispatch. The rule: route first (unknown → 404), then
// credentials (→ 401), then the body (→ 400), then the handler; success bodies always carry
// request_id and status_code 200.
import { timingSafeEqual } from 'node:crypto';
import type { ApiRoute } from './api';
import type { EmulatorContext } from './context';
import { StytchApiError, bodyFor, newRequestId } from './errors';
import { asBody } from './fields';
import { errorReply, jsonReply } from './http-io';
import type { BodyResult, Reply } from './http-io';
import { magicLinkEmailRoutes } from './routes/magic-links-email';
import { magicLinkRoutes } from './routes/magic-links';
import { sessionRoutes } from './routes/sessions';
import { userRoutes } from './routes/users';

const ROUTES: ApiRoute[] = [...magicLinkEmailRoutes, ...magicLinkRoutes, ...sessionRoutes, ...userRoutes];

export interface RouteMatch {
  route: ApiRoute;
  params: string[];
}

export function matchRoute(method: string, path: string): RouteMatch | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (!m) continue;
    try {
      return { route, params: m.slice(1).map((p) => decodeURIComponent(p)) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function checkAuth(ctx: EmulatorContext, route: ApiRoute, header: string | undefined): boolean {
  if (header === undefined) return route.auth === 'optional';
  return sameSecret(header, ctx.expectedAuthorization);
}

/** Parses a request body: empty means {}, anything but a JSON object is bad_request. */
export function parseJsonBody(body: BodyResult): ReturnType<typeof asBody> {
  if (!body.ok) throw new StytchApiError('bad_request', 'The request body is larger than 1 MB.');
  if (body.text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.text);
  } catch {
    throw new StytchApiError('bad_request', 'The request body is not valid JSON.');
  }
  return asBody(parsed);
}

export async function dispatch(ctx: EmulatorContext, match: RouteMatch, query: URLSearchParams, body: BodyResult): Promise<Reply> {
  try {
    const parsed = parseJsonBody(body);
    const result = await match.route.handler(ctx, { params: match.params, query, body: parsed });
    return jsonReply(200, { request_id: newRequestId(), ...result, status_code: 200 });
  } catch (error) {
    if (error instanceof StytchApiError) return jsonReply(error.status, bodyFor(error));
    ctx.log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return errorReply(500, 'internal_server_error');
  }
}
