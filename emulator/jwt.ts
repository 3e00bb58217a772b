// RS256 session JWTs (contract §3.3), signed and read back with jose. The rule: one
// CryptoKey per signer (jose derives it from the KeyObject once), signing runs on libuv's
// thread pool through WebCrypto, because it is the emulator's hot spot; iat/nbf/exp use real
// time. RS256 (PKCS#1 v1.5) signatures are deterministic and iat has second precision, so a
// session asked for a JWT again within the same second yields the very same payload and JWT:
// those are served from a cache of the current second's JWTs rather than signed again.
import { CompactSign, compactVerify, decodeJwt, type CompactJWSHeaderParameters } from 'jose';
import type { SigningKey } from './keys';

export const SESSION_CLAIM = 'https://stytch.com/session';
const RESERVED = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']);
/** Enough for every session a test or the app refreshes in one second; bounded under load. */
const CACHED_PER_SECOND = 256;
const encoder = new TextEncoder();

export function isReservedClaim(key: string): boolean {
  return RESERVED.has(key) || key === SESSION_CLAIM;
}

export class JwtSigner {
  private readonly header: CompactJWSHeaderParameters;
  /** Payload → JWT, only for payloads signed during `cachedSecond`; older ones cannot recur. */
  private readonly cache = new Map<string, string>();
  private cachedSecond = -1;

  constructor(private readonly key: SigningKey) {
    this.header = { alg: 'RS256', kid: key.kid, typ: 'JWT' };
  }

  sign(payload: Record<string, unknown>): Promise<string> {
    return this.signJson(JSON.stringify(payload));
  }

  /** Signs an already-serialised payload, or returns the JWT signed for it earlier this second. */
  async signJson(payloadJson: string): Promise<string> {
    const second = Math.floor(Date.now() / 1000);
    if (second !== this.cachedSecond) {
      this.cache.clear();
      this.cachedSecond = second;
    }
    const cached = this.cache.get(payloadJson);
    if (cached !== undefined) return cached;
    const jwt = await this.signNow(payloadJson);
    if (this.cachedSecond === second && this.cache.size < CACHED_PER_SECOND) this.cache.set(payloadJson, jwt);
    return jwt;
  }

  private signNow(payloadJson: string): Promise<string> {
    return new CompactSign(encoder.encode(payloadJson)).setProtectedHeader(this.header).sign(this.key.privateKey);
  }

  /** The payload of a JWT this emulator signed, whatever its exp; undefined for anything else. */
  async verifySignature(jwt: string): Promise<Record<string, unknown> | undefined> {
    try {
      // Only our key and only RS256: no header of the token picks what verifies it.
      await compactVerify(jwt, this.key.publicKey, { algorithms: ['RS256'] });
      return decodeJwt(jwt);
    } catch {
      return undefined;
    }
  }
}
