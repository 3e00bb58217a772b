// What a session JWT must say to verify in relay mode. Kept apart from the relay gateway
// (which loads undici) so a local restore can check the stored JWT without it.
// Rule: nothing here may import electron; never rejects.
import { decodeJwt } from 'jose';
import { verifyJwtLocally, type JwtCheckResult, type JwtExpectations } from '../auth/jwt-verify';
import type { PublicJwk } from '../auth/stytch-gateway';

/**
 * The configured (or learned) project decides. Restoring before any key fetch in this
 * process, with no project configured: the keys came from the relay (stored with the
 * session), so the signature is the anchor; require at least that the token's issuer and
 * audience name the same project. The claims are read unverified only to pick what to
 * verify against; verifyJwtLocally then checks them under the signature.
 */
function relayJwtExpectations(projectId: string | undefined, jwt: string): JwtExpectations | undefined {
  if (projectId !== undefined) return { projectId, issuers: [`stytch.com/${projectId}`] };
  try {
    const { iss, aud } = decodeJwt(jwt);
    const issuer = typeof iss === 'string' && iss.startsWith('stytch.com/') ? iss : undefined;
    const project = issuer?.slice('stytch.com/'.length);
    const audiences: unknown[] = Array.isArray(aud) ? aud : [aud];
    return project && issuer && audiences.includes(project) ? { projectId: project, issuers: [issuer] } : undefined;
  } catch {
    return undefined;
  }
}

/** The relay gateway's local JWT check, for a project configured, learned or neither. */
export async function verifyRelayJwt(projectId: string | undefined, jwt: string, keys: readonly PublicJwk[], nowMs: number): Promise<JwtCheckResult> {
  const expectations = relayJwtExpectations(projectId, jwt);
  if (!expectations) return { ok: false, verdict: 'invalid', detail: 'JWT names no consistent project' };
  return verifyJwtLocally(jwt, keys, nowMs, expectations);
}
