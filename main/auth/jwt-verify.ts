// Local verification of a Stytch session JWT against signing keys we already hold, with jose
// and the options the SDK's local verifier passes it (RS256, typ JWT, audience, issuer, time).
// Why not the SDK's authenticateJwtLocal: its key set lives inside the client and is only
// filled over the network, so a fresh process could not restore without a request. Keeping
// the public keys with the session lets start-up verify with zero requests.
// A failure says how sure it is: `invalid` is definitive (a key we hold rejects the
// signature, or the token is not for this project), `unverifiable` means we lack what it
// takes to decide (no key for its kid, no keys at all, a clock behind its nbf), and
// `expired` means a good signature past exp.
// Rule: nothing here may import electron; this never makes a network call and never rejects.
import { createLocalJWKSet, decodeJwt, errors, jwtVerify, type JWK, type JWTPayload, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import type { PublicJwk, VerifiedJwt } from './stytch-gateway';

const SESSION_CLAIM = 'https://stytch.com/session';
/**
 * None, as in the SDK. A clock that is off is handled by the verdicts instead: nbf ahead of
 * us is unverifiable, past exp is expired, and either way Stytch is asked in the background.
 */
const CLOCK_TOLERANCE_S = 0;
/** Far above any session JWT (Stytch caps custom claims at 4 KB); more is not worth parsing. */
export const MAX_JWT_CHARS = 64 * 1024;

export interface JwtExpectations {
  projectId: string;
  /** Accepted issuers: stytch.com/<project> and the API base URL without trailing slash. */
  issuers: readonly string[];
}

/** What a direct-mode JWT must say: the project, issued by Stytch or by the API base URL. */
export function stytchJwtExpectations(projectId: string, baseUrl: string | undefined): JwtExpectations {
  return { projectId, issuers: [`stytch.com/${projectId}`, ...(baseUrl ? [baseUrl] : [])] };
}

export type JwtVerdict = 'invalid' | 'unverifiable' | 'expired';
export type JwtCheckResult = { ok: true; value: VerifiedJwt } | { ok: false; verdict: JwtVerdict; detail: string };

const invalid = (detail: string): JwtCheckResult => ({ ok: false, verdict: 'invalid', detail });
const unverifiable = (detail: string): JwtCheckResult => ({ ok: false, verdict: 'unverifiable', detail });

/** The session a verified payload names, or why it names none. */
function sessionClaims(payload: JWTPayload): VerifiedJwt | string {
  const { sub, exp } = payload;
  const claim = payload[SESSION_CLAIM];
  if (typeof claim !== 'object' || claim === null || typeof sub !== 'string' || typeof exp !== 'number') return 'missing session claims';
  const session = claim as Record<string, unknown>;
  if (typeof session['id'] !== 'string') return 'missing session id';
  const sessionExpiresAt = typeof session['expires_at'] === 'string' ? session['expires_at'] : new Date(exp * 1000).toISOString();
  return { sessionId: session['id'], userId: sub, sessionExpiresAt, jwtExpiresAtMs: exp * 1000 };
}

/** A time verdict holds only for a token that names a session at all; else it is invalid. */
function timeVerdict(payload: JWTPayload, verdict: 'unverifiable' | 'expired', detail: string): JwtCheckResult {
  const claims = sessionClaims(payload);
  return typeof claims === 'string' ? invalid(claims) : { ok: false, verdict, detail };
}

const CLAIM_DETAILS: Record<string, string> = { aud: 'wrong audience', iss: 'wrong issuer', typ: 'unexpected JWT header' };

function verdictFor(error: unknown, keyCount: number): JwtCheckResult {
  // Key rotation, or keys never fetched: only Stytch can decide, so this is not a verdict.
  if (error instanceof errors.JWKSNoMatchingKey) return unverifiable(keyCount === 0 ? 'no signing keys stored' : 'no stored key for this kid');
  if (error instanceof errors.JWSSignatureVerificationFailed) return invalid('bad signature');
  if (error instanceof errors.JWTExpired) return timeVerdict(error.payload, 'expired', 'JWT past exp');
  if (error instanceof errors.JWTClaimValidationFailed) {
    // A good signature with nbf ahead of us means our clock is behind, not a forgery.
    if (error.claim === 'nbf' && error.reason === 'check_failed') return timeVerdict(error.payload, 'unverifiable', 'not yet valid by this clock');
    return invalid(CLAIM_DETAILS[error.claim] ?? `bad ${error.claim} claim`);
  }
  // A stored key jose will not use (private members, malformed): ours to fix, not a verdict.
  if (error instanceof errors.JWKSInvalid) return unverifiable('unusable signing key');
  // The token itself: not compact, undecodable, alg none or not RS256, unknown crit, b64 false.
  if (error instanceof errors.JOSEError) return invalid(`malformed JWT (${error.code})`);
  // What is left comes from importing a stored key (a bad modulus, under 2048 bits).
  return unverifiable('unusable signing key');
}

/** jose leaves a token without a kid (or a kid several stored keys share) to the caller. */
async function verifyWithSet(jwt: string, keySet: JWTVerifyGetKey, options: JWTVerifyOptions): Promise<JWTPayload> {
  try {
    return (await jwtVerify(jwt, keySet, options)).payload;
  } catch (error) {
    if (!(error instanceof errors.JWKSMultipleMatchingKeys)) throw error;
    for await (const key of error) {
      try {
        return (await jwtVerify(jwt, key, options)).payload;
      } catch (inner) {
        if (!(inner instanceof errors.JWSSignatureVerificationFailed)) throw inner;
      }
    }
    throw new errors.JWSSignatureVerificationFailed();
  }
}

export async function verifyJwtLocally(
  jwt: string,
  keys: readonly PublicJwk[],
  nowMs: number,
  expect: JwtExpectations,
): Promise<JwtCheckResult> {
  if (jwt.length > MAX_JWT_CHARS) return invalid('JWT too large');
  const options: JWTVerifyOptions = {
    algorithms: ['RS256'],
    typ: 'JWT',
    audience: expect.projectId,
    issuer: [...expect.issuers],
    clockTolerance: CLOCK_TOLERANCE_S,
    currentDate: new Date(nowMs),
  };
  try {
    const keySet = createLocalJWKSet({ keys: keys as JWK[] });
    const claims = sessionClaims(await verifyWithSet(jwt, keySet, options));
    return typeof claims === 'string' ? invalid(claims) : { ok: true, value: claims };
  } catch (error) {
    return verdictFor(error, keys.length);
  }
}

const JWT_LIFETIME_FALLBACK_MS = 5 * 60_000;

/**
 * When a JWT stops verifying, read from its `exp` claim WITHOUT checking the signature:
 * it only decides when to ask Stytch again, never whether to trust the JWT. A JWT that
 * cannot be read is assumed to be fresh with Stytch's five-minute life.
 */
export function jwtExpiryHint(jwt: string, nowMs: number): number {
  try {
    const { exp } = decodeJwt(jwt);
    if (exp !== undefined && Number.isFinite(exp)) return exp * 1000;
  } catch {
    // Falls through to the assumption below; the next answer from Stytch corrects it.
  }
  return nowMs + JWT_LIFETIME_FALLBACK_MS;
}
