// RS256 session JWTs (contract §3.3). The rule: signing runs on libuv's thread pool with the
// cached KeyObject, because it is the emulator's hot spot; iat/nbf/exp use real time.
// RS256 (PKCS#1 v1.5) signatures are deterministic and iat has second precision, so a session
// asked for a JWT again within the same second yields the very same payload and JWT: those
// are served from a cache of the current second's JWTs rather than signed again.
import { sign, verify } from 'node:crypto';
import type { SigningKey } from './keys';

export const SESSION_CLAIM = 'https://stytch.com/session';
const RESERVED = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']);
/** Enough for every session a test or the app refreshes in one second; bounded under load. */
const CACHED_PER_SECOND = 256;

export function isReservedClaim(key: string): boolean {
  return RESERVED.has(key) || key === SESSION_CLAIM;
}

function b64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

export class JwtSigner {
  private readonly encodedHeader: string;
  /** Payload → JWT, only for payloads signed during `cachedSecond`; older ones cannot recur. */
  private readonly cache = new Map<string, string>();
  private cachedSecond = -1;

  constructor(private readonly key: SigningKey) {
    this.encodedHeader = b64url(JSON.stringify({ alg: 'RS256', kid: key.kid, typ: 'JWT' }));
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
    const input = `${this.encodedHeader}.${b64url(payloadJson)}`;
    return new Promise((resolve, reject) => {
      sign('sha256', Buffer.from(input), this.key.privateKey, (err, signature) => {
        if (err) reject(err);
        else resolve(`${input}.${signature.toString('base64url')}`);
      });
    });
  }

  /** The payload of a JWT this emulator signed, whatever its exp; undefined for anything else. */
  verifySignature(jwt: string): Record<string, unknown> | undefined {
    const parts = jwt.split('.');
    if (parts.length !== 3) return undefined;
    const [header, payload, signature] = parts as [string, string, string];
    if (header !== this.encodedHeader) return undefined;
    const ok = verify('sha256', Buffer.from(`${header}.${payload}`), this.key.publicKey, Buffer.from(signature, 'base64url'));
    if (!ok) return undefined;
    try {
      const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }
}
