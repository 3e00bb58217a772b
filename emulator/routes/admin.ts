// §7: the emulator-only test API under /__emulator/. Not Stytch: no auth (the server binds to
// loopback), JSON in and out, errors in the same Stytch shape so one parser reads both.
import type { EmulatorContext } from '../context';
import { StytchApiError } from '../errors';
import type { Body } from '../fields';
import { optBool, optInt, optString, reqString } from '../fields';
import { jsonReply } from '../http-io';
import type { Reply } from '../http-io';
import { deepLink } from '../links';
import type { FaultSpec } from '../types';
import { rfc3339 } from '../ids';

const ok = (extra: Record<string, unknown> = {}): Reply => jsonReply(200, { status_code: 200, ...extra });

export function faultFromBody(body: Body): FaultSpec {
  const path = reqString(body, 'path');
  const status = optInt(body, 'status');
  const count = optInt(body, 'count');
  const delay = optInt(body, 'delay_ms');
  const errorType = optString(body, 'error_type');
  const drop = optBool(body, 'drop');
  const hang = optBool(body, 'hang');
  if (!path.startsWith('/')) throw new StytchApiError('bad_request', 'path must start with /');
  if (status !== undefined && (status < 400 || status > 599)) throw new StytchApiError('bad_request', 'status must be 400..599');
  if (count !== undefined && count < 1) throw new StytchApiError('bad_request', 'count must be at least 1');
  if (delay !== undefined && (delay < 0 || delay > 120_000)) throw new StytchApiError('bad_request', 'delay_ms must be 0..120000');
  return {
    path,
    ...(status !== undefined && { status }),
    ...(errorType !== undefined && { error_type: errorType }),
    ...(count !== undefined && { count }),
    ...(delay !== undefined && { delay_ms: delay }),
    ...(drop !== undefined && { drop }),
    ...(hang !== undefined && { hang }),
  };
}

async function openInApp(ctx: EmulatorContext, id: string): Promise<Reply> {
  const message = ctx.outbox.find(id);
  if (!message) throw new StytchApiError('magic_link_not_found', 'No outbox message has this id.');
  if (!ctx.openInApp) throw new StytchApiError('route_not_found', 'This emulator was started without an app to open links in.');
  await ctx.openInApp(deepLink(message.redirect_url, message.token));
  return ok();
}

/** Handles one /__emulator/ request; `sub` is the path after the prefix. */
export async function adminReply(ctx: EmulatorContext, method: string, sub: string, query: URLSearchParams, body: Body): Promise<Reply> {
  const key = `${method} ${sub}`;
  switch (key) {
    case 'GET outbox':
      return jsonReply(200, ctx.outbox.list(query.get('email') ?? undefined));
    case 'DELETE outbox':
      ctx.outbox.clear();
      return ok();
    case 'GET outbox/version':
      return ok({ version: ctx.outbox.version, open_in_app: ctx.openInApp !== undefined, now: rfc3339(ctx.clock.now()) });
    case 'POST reset':
      ctx.reset();
      return ok();
    case 'GET clock':
      return ok({ now: rfc3339(ctx.clock.now()) });
    case 'POST clock': {
      const seconds = body['advance_seconds'];
      if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
        throw new StytchApiError('bad_request', 'advance_seconds must be a non-negative number');
      }
      ctx.clock.advance(seconds);
      return ok({ now: rfc3339(ctx.clock.now()) });
    }
    case 'GET faults':
      return ok({ faults: ctx.faults.list(), held: ctx.faults.heldCount(query.get('path') ?? undefined) });
    case 'POST faults/release':
      return ok({ released: ctx.faults.release() });
    case 'POST faults':
      ctx.faults.inject(faultFromBody(body));
      return ok();
    case 'DELETE faults':
      ctx.faults.clear();
      return ok();
    case 'POST rate-limit': {
      const enabled = optBool(body, 'enabled');
      if (enabled === undefined) throw new StytchApiError('bad_request', 'enabled must be a boolean');
      ctx.rateLimiter.enabled = enabled;
      ctx.rateLimiter.clear();
      return ok({ enabled });
    }
    case 'GET requests': {
      const path = query.get('path');
      return ok({ count: ctx.requestCount(path ?? undefined) });
    }
  }
  const open = /^outbox\/([A-Za-z0-9_-]+)\/open-in-app$/.exec(sub);
  if (method === 'POST' && open?.[1]) return openInApp(ctx, open[1]);
  throw new StytchApiError('route_not_found');
}
