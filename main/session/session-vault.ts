// The signed-in session at rest: tokens, user summary, expiry and the project's public
// signing keys, encrypted with the Cipher under one Store key (memory only without one),
// plus the queue of tokens that an offline sign-out still has to revoke.
// Rule: nothing here may import electron; no token leaves this file except to the gateway.
import { z } from 'zod';
import type { CipherStatus, Clock, Logger, Store } from '../ports';
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

export function createSessionVault(deps: { cipher: CipherStatus; store: Store; logger: Logger; clock: Clock }): SessionVault {
  const slot = createSealedSlot<StoredSession>({
    key: SESSION_KEY,
    ...deps,
    schema: storedSessionSchema,
  });
  return {
    persistence: slot.persistence,
    load: () => slot.read(),
    save: (session) => slot.write(session),
    wipe: () => slot.clear(),
    setAside: (reason) => slot.setAside(reason),
    revokes: createRevokeQueue(deps),
  };
}
