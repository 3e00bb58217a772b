// RS256 session JWTs (contract §3.3). The rule: signing runs on libuv's thread pool with the
// cached KeyObject, because it is the emulator's hot spot; iat/nbf/exp use real time.
import { sign, verify } from 'node:crypto';
import type { SigningKey } from './keys';

export const SESSION_CLAIM = 'https://stytch.com/session';
const RESERVED = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']);

export function isReservedClaim(key: string): boolean {
  return RESERVED.has(key) || key === SESSION_CLAIM;
}

function b64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

export class JwtSigner {
  private readonly encodedHeader: string;

  constructor(private readonly key: SigningKey) {
    this.encodedHeader = b64url(JSON.stringify({ alg: 'RS256', kid: key.kid, typ: 'JWT' }));
  }

  sign(payload: Record<string, unknown>): Promise<string> {
    return this.signJson(JSON.stringify(payload));
  }

  /** Signs an already-serialised payload (lets callers compare payloads before paying for RSA). */
  signJson(payloadJson: string): Promise<string> {
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
