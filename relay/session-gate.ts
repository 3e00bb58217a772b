// Who the caller of a session-bound endpoint is. The bearer token is confirmed with Stytch
// (sessions.authenticate) before anything is charged to anyone but the caller's network; a
// token Stytch definitively refused (401/404) is remembered, as a SHA-256 hash, for a minute,
// so replaying it costs no upstream call. Then the confirmed user's own budget is charged.
// Rule: the token itself is never stored or logged, only its hash.
import { createHash } from 'node:crypto';
import type { AuthenticatedBody } from './projection';
import { errorReply, refusalReply, type Reply } from './http-io';
import type { Limit } from './limits';
import type { SharedState } from './shared-state';
import type { Upstream, UpstreamResult } from './upstream';

/** A caller whose bearer token Stytch accepted just now. */
export interface Caller {
  sessionToken: string;
  userId: string;
  sessionId: string;
  /** Stytch's answer to sessions.authenticate, reused by the session-authenticate endpoint. */
  authenticated: AuthenticatedBody;
}

export const REFUSED_TOKEN_TTL_MS = 60_000;

interface RememberedRefusal {
  status: number;
  error_type: string;
  error_message: string;
}

const refusedKey = (token: string): string => `refused-token:${createHash('sha256').update(token).digest('hex')}`;

/** Definitive answers about a token: it does not exist or is no longer valid. */
const isDefinitive = (status: number): boolean => status === 401 || status === 404;

export interface SessionGate {
  /**
   * Runs `call` for `token` unless Stytch already refused that token within the minute; a
   * definitive refusal is remembered. For 'token' routes, the call is the action itself.
   */
  withToken<T>(token: string, requestId: string, call: () => Promise<UpstreamResult<T>>): Promise<UpstreamResult<T>>;
  /** Confirms the bearer token and charges the user's own budget. */
  confirm(token: string, requestId: string): Promise<{ ok: true; caller: Caller } | { ok: false; reply: Reply }>;
}

export function createSessionGate(deps: { upstream: Upstream; state: SharedState; perUser: Limit }): SessionGate {
  const { upstream, state, perUser } = deps;

  async function withToken<T>(token: string, requestId: string, call: () => Promise<UpstreamResult<T>>): Promise<UpstreamResult<T>> {
    const key = refusedKey(token);
    const remembered = await state.get(key);
    if (remembered !== undefined) {
      const refusal = JSON.parse(remembered) as RememberedRefusal;
      return { ok: false, reply: errorReply(refusal.status, refusal.error_type, refusal.error_message, requestId) };
    }
    const result = await call();
    if (!result.ok && isDefinitive(result.reply.status)) {
      const body = result.reply.body;
      const refusal: RememberedRefusal = {
        status: result.reply.status,
        error_type: String(body['error_type']),
        error_message: String(body['error_message']),
      };
      await state.set(key, JSON.stringify(refusal), REFUSED_TOKEN_TTL_MS);
    }
    return result;
  }

  return {
    withToken,
    async confirm(token, requestId) {
      const confirmed = await withToken(token, requestId, () =>
        upstream.call('sessions.authenticate', requestId, (client) => client.sessions.authenticate({ session_token: token })),
      );
      if (!confirmed.ok) return confirmed;
      const { session, user } = confirmed.body;
      const limited = await perUser.consume(user.user_id);
      if (limited) return { ok: false, reply: refusalReply(limited, requestId) };
      return { ok: true, caller: { sessionToken: token, userId: user.user_id, sessionId: session.session_id, authenticated: confirmed.body } };
    },
  };
}
