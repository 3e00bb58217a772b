// The signed-in session at rest: tokens, user summary, expiry and the project's public
// signing keys, encrypted with the Cipher under one Store key (memory only without one),
// plus the queue of tokens that an offline sign-out still has to revoke.
// Rule: nothing here may import electron; no token leaves this file except to the gateway.
import { z } from 'zod';
import { SESSION_MINUTES } from '../../common/stytch/constants';
import type { CipherStatus, Clock, Logger, Store } from '../../common/ports';
import { createRevokeQueue, type RevokeQueue } from './revoke-queue';
import { createSealedSlot, type Persistence } from './sealed-slot';

export const SESSION_KEY = 'session-vault';

/** A project's public signing key as Stytch's JWKS serves it. */
export const publicJwkSchema = z.object({
  kty: z.string(),
  kid: z.string(),
  n: z.string(),
  e: z.string(),
  alg: z.string().optional(),
  use: z.string().optional(),
  key_ops: z.array(z.string()).optional(),
});

const storedSessionSchema = z.object({
  sessionToken: z.string().min(1),
  sessionJwt: z.string().min(1),
  sessionId: z.string().min(1),
  user: z.object({ userId: z.string(), email: z.string().nullable(), name: z.string().nullable() }),
  expiresAt: z.string(),
  startedAt: z.string(),
  /** Public keys captured while online, so start-up can verify the JWT without a request. */
  signingKeys: z.array(publicJwkSchema).default([]),
});
export type StoredSession = z.infer<typeof storedSessionSchema>;

export interface SessionVault {
  readonly persistence: Persistence;
  load(): StoredSession | null;
  save(session: StoredSession): void;
  wipe(): void;
  /** Moves the stored session aside like a damaged value: kept for support, never restored. */
  setAside(reason: string): void;
  /** Tokens of sessions signed out while offline, still to be revoked at Stytch. */
  readonly revokes: RevokeQueue;
}

/**
 * The token (and when its session would end) of a stored value that decrypted but is not a
 * session any more: it was ours, so whatever session it names is ended at Stytch.
 */
export function tokenInDamagedValue(value: unknown, nowMs: number): { token: string; expiresAtMs: number } | null {
  if (typeof value !== 'object' || value === null) return null;
  const { sessionToken, expiresAt } = value as Record<string, unknown>;
  if (typeof sessionToken !== 'string' || sessionToken.length === 0) return null;
  const parsed = typeof expiresAt === 'string' ? Date.parse(expiresAt) : NaN;
  // Unknown end: keep trying for as long as any session can last.
  return { token: sessionToken, expiresAtMs: Number.isFinite(parsed) ? parsed : nowMs + SESSION_MINUTES.cap * 60_000 };
}

export function createSessionVault(deps: { cipher: CipherStatus; store: Store; logger: Logger; clock: Clock }): SessionVault {
  const revokes = createRevokeQueue(deps);
  const slot = createSealedSlot<StoredSession>({
    key: SESSION_KEY,
    ...deps,
    schema: storedSessionSchema,
    onDamaged(value) {
      const found = tokenInDamagedValue(value, deps.clock.now());
      if (!found) return;
      revokes.add(found.token, found.expiresAtMs);
      deps.logger.warn('a damaged stored session still held a token; it will be revoked');
    },
  });
  return {
    persistence: slot.persistence,
    load: () => slot.read(),
    save: (session) => slot.write(session),
    wipe: () => slot.clear(),
    setAside: (reason) => slot.setAside(reason),
    revokes,
  };
}
