// Sessions: finding one from a token or JWT, extending it, custom claims, and minting its JWT.
// The rule: expiry follows the emulator clock, JWT times follow the real clock, and a JWT
// never outlives its session.
import { SESSION_MINUTES } from '../common/stytch/constants';
import type { EmulatorContext } from './context';
import { StytchApiError } from './errors';
import type { Body } from './fields';
import { optInt, optObject } from './fields';
import { newId, newToken, rfc3339 } from './ids';
import { SESSION_CLAIM, isReservedClaim } from './jwt';
import { DEFAULT_ROLES } from './objects';
import type { SessionRecord, UserRecord } from './store';
import type { Attributes } from './fields';

const JWT_LIFETIME_S = 300;
const MAX_CLAIMS_BYTES = 4096;

export function durationField(body: Body): number | undefined {
  const minutes = optInt(body, 'session_duration_minutes');
  if (minutes !== undefined && (minutes < SESSION_MINUTES.min || minutes > SESSION_MINUTES.max)) {
    throw new StytchApiError('invalid_session_duration_minutes');
  }
  return minutes;
}

/** session_custom_claims: reserved keys dropped, null kept (it deletes on merge). */
export function claimsField(body: Body): Record<string, unknown> | undefined {
  const raw = optObject(body, 'session_custom_claims');
  if (!raw) return undefined;
  const claims: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (!isReservedClaim(k)) claims[k] = v;
  return claims;
}

/** The claims after merging (null deletes a key); throws before anything is stored when too large. */
export function mergedClaims(current: Record<string, unknown>, incoming: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!incoming) return current;
  const merged: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(incoming)) {
    if (v === null) delete merged[k];
    else merged[k] = v;
  }
  if (Buffer.byteLength(JSON.stringify(merged)) > MAX_CLAIMS_BYTES) throw new StytchApiError('custom_claims_too_large');
  return merged;
}

/** The session a JWT names, if this emulator signed it; expiry by `exp` does not matter here. */
export async function sessionFromJwt(ctx: EmulatorContext, jwt: string): Promise<SessionRecord | undefined> {
  const payload = await ctx.signer.verifySignature(jwt);
  const claim = payload?.[SESSION_CLAIM] as { id?: unknown } | undefined;
  if (!payload || typeof claim?.id !== 'string') throw new StytchApiError('unable_to_parse_session_jwt');
  return ctx.store.sessions.get(claim.id);
}

/** The live session named by a session_token or session_jwt, else 404 session_not_found. */
export async function liveSession(ctx: EmulatorContext, token: string | undefined, jwt: string | undefined): Promise<SessionRecord> {
  const session = token !== undefined ? ctx.store.sessionsByToken.get(token) : jwt !== undefined ? await sessionFromJwt(ctx, jwt) : undefined;
  if (!session || !ctx.store.isSessionLive(session, ctx.clock.now())) throw new StytchApiError('session_not_found');
  return session;
}

export function newSession(ctx: EmulatorContext, user: UserRecord, minutes: number, attributes: Attributes | undefined): SessionRecord {
  const now = ctx.clock.now();
  const session: SessionRecord = {
    session_id: newId('session'),
    session_token: newToken(),
    user_id: user.user_id,
    started_at: now,
    last_accessed_at: now,
    expires_at: now + minutes * 60_000,
    revoked: false,
    attributes: attributes ?? { ip_address: '', user_agent: '' },
    factors: [],
    custom_claims: {},
  };
  ctx.store.addSession(session);
  return session;
}

export function touchSession(ctx: EmulatorContext, session: SessionRecord, minutes: number | undefined): void {
  const now = ctx.clock.now();
  session.last_accessed_at = now;
  if (minutes !== undefined) session.expires_at = now + minutes * 60_000;
  ctx.store.touchSession(session);
}

export function mintJwt(ctx: EmulatorContext, session: SessionRecord): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  const remaining = Math.floor((session.expires_at - ctx.clock.now()) / 1000);
  const exp = iat + Math.max(1, Math.min(JWT_LIFETIME_S, remaining));
  const projectId = ctx.config.projectId;
  const payload = JSON.stringify({
    ...session.custom_claims,
    sub: session.user_id,
    iss: `stytch.com/${projectId}`,
    aud: [projectId],
    iat,
    nbf: iat,
    exp,
    [SESSION_CLAIM]: {
      id: session.session_id,
      started_at: rfc3339(session.started_at),
      last_accessed_at: rfc3339(session.last_accessed_at),
      expires_at: rfc3339(session.expires_at),
      attributes: session.attributes,
      authentication_factors: session.factors,
      roles: DEFAULT_ROLES,
    },
  });
  return ctx.signer.signJson(payload);
}
