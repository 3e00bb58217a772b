// Identifier, token and timestamp formats of contract §2.3: `<kind>-test-<uuid>` ids,
// 44-character unpadded base64url tokens, RFC 3339 timestamps at second precision.
import { randomBytes, randomUUID } from 'node:crypto';

export type IdKind = 'user' | 'email' | 'session' | 'embedded' | 'jwk';

export function newId(kind: IdKind): string {
  return `${kind}-test-${randomUUID()}`;
}

/** 33 random bytes encode to exactly 44 base64url characters with no padding. */
export function newToken(): string {
  return randomBytes(33).toString('base64url');
}

// A busy second formats the same few instants (now, now + duration) over and over.
const formatted = new Map<number, string>();

export function rfc3339(ms: number): string {
  const second = Math.floor(ms / 1000);
  let text = formatted.get(second);
  if (text === undefined) {
    if (formatted.size >= 256) formatted.clear();
    text = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
    formatted.set(second, text);
  }
  return text;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ID_SHAPE: Record<IdKind, RegExp> = {
  user: new RegExp(`^user-test-${UUID}$`),
  email: new RegExp(`^email-test-${UUID}$`),
  session: new RegExp(`^session-test-${UUID}$`),
  embedded: new RegExp(`^embedded-test-${UUID}$`),
  jwk: new RegExp(`^jwk-test-${UUID}$`),
};

export function hasIdShape(kind: IdKind, value: string): boolean {
  return ID_SHAPE[kind].test(value);
}
