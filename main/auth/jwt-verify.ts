// Local verification of a Stytch session JWT against signing keys we already hold, with the
// same checks the SDK's local verifier makes (RS256, typ JWT, kid, audience, issuer, time).
// Why not the SDK's authenticateJwtLocal: its key set lives inside the client and is only
// filled over the network, so a fresh process could not restore without a request. Keeping
// the public keys with the session lets start-up verify with zero requests.
// A failure says how sure it is: `invalid` is definitive (a key we hold rejects the
// signature, or the token is not for this project), `unverifiable` means we lack what it
// takes to decide (no key for its kid, no keys at all, a clock behind its nbf), and
// `expired` means a good signature past exp.
// Rule: nothing here may import electron; this never makes a network call and never throws.
import { createPublicKey, verify } from 'node:crypto';
import type { PublicJwk, VerifiedJwt } from './stytch-gateway';

const SESSION_CLAIM = 'https://stytch.com/session';

export interface JwtExpectations {
  projectId: string;
  /** Accepted issuers: stytch.com/<project> and the API base URL without trailing slash. */
  issuers: readonly string[];
}

/** What a direct-mode JWT must say: the project, issued by Stytch or by the API base URL. */
export function stytchJwtExpectations(projectId: string, baseUrl: string | undefined): JwtExpectations {
  return { projectId, issuers: [`stytch.com/${projectId}`, ...(baseUrl ? [baseUrl] : [])] };
}

function decodeSegment(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Reads the (unverified) exp of a JWT in ms, or null: only to decide what to try next. */
export function peekJwtExpiry(jwt: string): number | null {
  const payload = decodeSegment(jwt.split('.')[1] ?? '');
  const exp = payload?.['exp'];
  return typeof exp === 'number' ? exp * 1000 : null;
}

export type JwtVerdict = 'invalid' | 'unverifiable' | 'expired';
export type JwtCheckResult = { ok: true; value: VerifiedJwt } | { ok: false; verdict: JwtVerdict; detail: string };

const invalid = (detail: string): JwtCheckResult => ({ ok: false, verdict: 'invalid', detail });
const unverifiable = (detail: string): JwtCheckResult => ({ ok: false, verdict: 'unverifiable', detail });

export function verifyJwtLocally(
  jwt: string,
  keys: readonly PublicJwk[],
  nowMs: number,
  expect: JwtExpectations,
): JwtCheckResult {
  const parts = jwt.split('.');
  if (parts.length !== 3) return invalid('not a compact JWT');
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  const header = decodeSegment(headerPart);
  const payload = decodeSegment(payloadPart);
  if (!header || !payload) return invalid('undecodable JWT');
  if (header['alg'] !== 'RS256' || header['typ'] !== 'JWT') return invalid('unexpected JWT header');

  const kid = header['kid'];
  const jwk = keys.find(
    (key) =>
      key.kty === 'RSA' &&
      (typeof kid !== 'string' || key.kid === kid) &&
      (key.alg === undefined || key.alg === 'RS256') &&
      (key.use === undefined || key.use === 'sig') &&
      (key.key_ops === undefined || key.key_ops.includes('verify')),
  );
  // Key rotation, or keys never fetched: only Stytch can decide, so this is not a verdict.
  if (!jwk) return unverifiable(keys.length === 0 ? 'no signing keys stored' : 'no stored key for this kid');

  let signatureOk = false;
  try {
    const publicKey = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
    signatureOk = verify('sha256', Buffer.from(`${headerPart}.${payloadPart}`), publicKey, Buffer.from(signaturePart, 'base64url'));
  } catch {
    return unverifiable('unusable signing key');
  }
  if (!signatureOk) return invalid('bad signature');

  const aud = payload['aud'];
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(expect.projectId)) return invalid('wrong audience');
  if (typeof payload['iss'] !== 'string' || !expect.issuers.includes(payload['iss'])) return invalid('wrong issuer');
  const claim = payload[SESSION_CLAIM];
  const sub = payload['sub'];
  const exp = payload['exp'];
  const nbf = payload['nbf'];
  if (typeof claim !== 'object' || claim === null || typeof sub !== 'string' || typeof exp !== 'number') {
    return invalid('missing session claims');
  }
  const session = claim as Record<string, unknown>;
  if (typeof session['id'] !== 'string') return invalid('missing session id');
  const nowSeconds = nowMs / 1000;
  // A good signature with nbf ahead of us means our clock is behind, not a forgery.
  if (typeof nbf === 'number' && nbf > nowSeconds) return unverifiable('not yet valid by this clock');
  const sessionExpiresAt =
    typeof session['expires_at'] === 'string' ? session['expires_at'] : new Date(exp * 1000).toISOString();
  if (exp <= nowSeconds) {
    return { ok: false, verdict: 'expired', detail: 'JWT past exp' };
  }
  return {
    ok: true,
    value: { sessionId: session['id'], userId: sub, sessionExpiresAt, jwtExpiresAtMs: exp * 1000 },
  };
}
