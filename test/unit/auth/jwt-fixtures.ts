// Session JWTs for the local-verification tests, signed by hand on purpose: an attacker
// writes any header and signs with any key, so the tests must be able to as well.
import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { PublicJwk } from '../../../main/auth/stytch-gateway';

export const PROJECT = 'project-test-11111111-1111-4111-8111-111111111111';
export const EXPECT = { projectId: PROJECT, issuers: [`stytch.com/${PROJECT}`] };
export const NOW = Date.parse('2030-01-01T00:00:00Z');
export const KID = 'jwk-test-ours';

export interface TestKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: PublicJwk;
}

export function keyPair(kid: string, modulusLength = 2048): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength });
  const { n = '', e = '' } = publicKey.export({ format: 'jwk' });
  return { privateKey, publicKey, jwk: { kty: 'RSA', kid, n, e, alg: 'RS256', use: 'sig', key_ops: ['verify'] } };
}

export const ours = keyPair(KID);
export const attacker = keyPair(KID);

const b64 = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

export function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const seconds = NOW / 1000;
  return {
    iss: `stytch.com/${PROJECT}`,
    aud: [PROJECT],
    sub: 'user-test-1',
    iat: seconds - 60,
    nbf: seconds - 60,
    exp: seconds + 240,
    'https://stytch.com/session': { id: 'session-test-1', expires_at: '2030-01-08T00:00:00Z' },
    ...overrides,
  };
}

export interface Forge {
  claims?: Record<string, unknown>;
  /** Replaces the default header members ({ alg: 'RS256', kid, typ: 'JWT' }); undefined drops one. */
  header?: Record<string, unknown>;
  signer?: KeyObject;
  /** RS256 by default; 'sha512' for RS512, or an HMAC secret for HS256. */
  digest?: 'sha256' | 'sha512';
  hmacSecret?: Buffer;
  /** The payload segment exactly as given (for b64: false), instead of base64url JSON. */
  rawPayload?: string;
}

export function jwt(forge: Forge = {}): string {
  const header = Object.fromEntries(
    Object.entries({ alg: 'RS256', kid: KID, typ: 'JWT', ...forge.header }).filter(([, value]) => value !== undefined),
  );
  const input = `${b64(header)}.${forge.rawPayload ?? b64(claims(forge.claims))}`;
  const signature = forge.hmacSecret
    ? createHmac('sha256', forge.hmacSecret).update(input).digest()
    : sign(forge.digest ?? 'sha256', Buffer.from(input), forge.signer ?? ours.privateKey);
  return `${input}.${signature.toString('base64url')}`;
}
