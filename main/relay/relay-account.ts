// The account calls relay mode offers beyond sign-in: the caller's own sessions, a link to
// sign this account in on another computer, and invites. Each is bound to the caller's
// session token; the relay confirms it and never lets it reach another user.
// Rule: nothing here may import electron; results, never throws; tokens stay in main.
import { z } from 'zod';
import type { ActiveSession, EmbeddableLink, GatewayResult, InviteRequest } from '../auth/stytch-gateway';
import type { RelayHttp } from './relay-http';

/** The relay answers with the same shapes the gateway interface uses. */
export type RelaySession = ActiveSession;
export type { EmbeddableLink, InviteRequest };

export interface RelayAccount {
  listSessions(sessionToken: string): Promise<GatewayResult<RelaySession[]>>;
  revokeOwnSession(sessionToken: string, sessionId: string): Promise<GatewayResult<null>>;
  /** Revokes every other session of the caller's user; stops at the first failure. */
  revokeOtherSessions(sessionToken: string): Promise<GatewayResult<{ revoked: number }>>;
  createEmbeddableLink(sessionToken: string): Promise<GatewayResult<EmbeddableLink>>;
  /** Only when the relay has invites enabled; otherwise the failure code is 'misconfigured'. */
  invite(sessionToken: string, request: InviteRequest): Promise<GatewayResult<{ userId: string }>>;
  revokeInvite(sessionToken: string, email: string): Promise<GatewayResult<null>>;
}

const sessionsBody = z.object({
  sessions: z.array(
    z.object({
      session_id: z.string(),
      started_at: z.string().nullable(),
      last_accessed_at: z.string().nullable(),
      expires_at: z.string().nullable(),
      current: z.boolean(),
    }),
  ),
});
const embeddableBody = z.object({ token: z.string().min(1), expiration_minutes: z.number() });
const inviteBody = z.object({ user_id: z.string() });
const ok = z.object({});

export function createRelayAccount(http: RelayHttp): RelayAccount {
  async function listSessions(sessionToken: string): Promise<GatewayResult<RelaySession[]>> {
    const result = await http.call('list sessions', { method: 'GET', path: '/v1/sessions', bearer: sessionToken }, sessionsBody);
    if (!result.ok) return result;
    return {
      ok: true,
      value: result.value.sessions.map((session) => ({
        sessionId: session.session_id,
        startedAt: session.started_at,
        lastAccessedAt: session.last_accessed_at,
        expiresAt: session.expires_at,
        current: session.current,
      })),
    };
  }

  async function revokeOwnSession(sessionToken: string, sessionId: string): Promise<GatewayResult<null>> {
    const path = `/v1/sessions/${encodeURIComponent(sessionId)}`;
    const result = await http.call('revoke own session', { method: 'DELETE', path, bearer: sessionToken }, ok);
    return result.ok ? { ok: true, value: null } : result;
  }

  return {
    listSessions,
    revokeOwnSession,

    async revokeOtherSessions(sessionToken) {
      const listed = await listSessions(sessionToken);
      if (!listed.ok) return listed;
      let revoked = 0;
      for (const session of listed.value) {
        if (session.current) continue;
        const result = await revokeOwnSession(sessionToken, session.sessionId);
        // Already gone (expired or revoked meanwhile) is what we wanted anyway.
        if (!result.ok && result.failure.errorType !== 'session_not_found') return result;
        if (result.ok) revoked += 1;
      }
      return { ok: true, value: { revoked } };
    },

    async createEmbeddableLink(sessionToken) {
      const result = await http.call('embeddable link', { method: 'POST', path: '/v1/magic-links/embeddable', body: {}, bearer: sessionToken }, embeddableBody);
      return result.ok ? { ok: true, value: { token: result.value.token, expirationMinutes: result.value.expiration_minutes } } : result;
    },

    async invite(sessionToken, request) {
      const name = {
        ...(request.firstName ? { first_name: request.firstName } : {}),
        ...(request.lastName ? { last_name: request.lastName } : {}),
      };
      const body = { email: request.email, ...(Object.keys(name).length > 0 ? { name } : {}) };
      const result = await http.call('invite', { method: 'POST', path: '/v1/invites', body, bearer: sessionToken }, inviteBody);
      return result.ok ? { ok: true, value: { userId: result.value.user_id } } : result;
    },

    async revokeInvite(sessionToken, email) {
      const result = await http.call('revoke invite', { method: 'POST', path: '/v1/invites/revoke', body: { email }, bearer: sessionToken }, ok);
      return result.ok ? { ok: true, value: null } : result;
    },
  };
}
