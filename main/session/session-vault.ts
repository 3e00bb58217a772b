// The signed-in session at rest: tokens, user summary, expiry and the project's public
// signing keys, encrypted with the Cipher under one Store key (memory only without one),
// plus the queue of tokens that an offline sign-out still has to revoke, and the last email
// a link was sent to (a convenience for the sign-in screen, sealed the same way, kept
// through sign-out, forgotten when it cannot be opened).
// A saved session is held in memory at once and written on the next turn of the event
// loop, so the person sees the result before the fsync'd write; a failed write is reported
// as memory-only (the banner) and retried, and a flush (on quit) writes what is pending.
// A wipe is written at once and cancels any pending write, so signed-out never leaves a
// token on disk.
// Rule: nothing here may import electron; no token leaves this file except to the gateway.
import { z } from 'zod';
import { SESSION_MINUTES } from '../../common/stytch/constants';
import type { CipherStatus, Clock, Logger, Store } from '../../common/ports';
import { createRevokeQueue, type RevokeQueue } from './revoke-queue';
import { createSealedSlot, type Persistence } from './sealed-slot';
import { backoffDelay, schedule, type BackoffPolicy, type Cancel } from './timers';

export const SESSION_KEY = 'session-vault';
export const LAST_EMAIL_KEY = 'last-email';

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

/** Retries of a failed session write: a disk that refused once is asked again soon, then less often. */
export const WRITE_RETRY: BackoffPolicy = { baseMs: 2_000, capMs: 60_000 };

export interface SessionVault {
  /** 'memory-only' without a cipher, and while the last write of the session failed. */
  readonly persistence: Persistence;
  /** Called when `persistence` changes (a write failed, or a retry succeeded). */
  onPersistenceChange(listener: () => void): () => void;
  load(): StoredSession | null;
  /** Holds the session now; writes it on the next turn of the event loop. */
  save(session: StoredSession): void;
  /** Resolves once the pending write (if any) was attempted. */
  written(): Promise<void>;
  /** Quitting: writes a pending or failed write now, once more, and retries no further. */
  flush(): void;
  /** Removes the stored session at once; a pending write of it never happens. */
  wipe(): void;
  /** Moves the stored session aside like a damaged value: kept for support, never restored. */
  setAside(reason: string): void;
  /** Tokens of sessions signed out while offline, still to be revoked at Stytch. */
  readonly revokes: RevokeQueue;
  /** The address the last link was sent to, or null (never sent, or unreadable). */
  lastEmail(): string | null;
  /** Remembers where a link was just sent; a failed write is logged, never thrown. */
  rememberEmail(email: string): void;
}

const lastEmailSchema = z.object({ email: z.string().min(3).max(254).regex(/^[^\s@]+@[^\s@]+$/) });

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
  const { logger } = deps;
  const revokes = createRevokeQueue(deps);
  const slot = createSealedSlot<StoredSession>({
    key: SESSION_KEY,
    ...deps,
    schema: storedSessionSchema,
    onDamaged(value) {
      const found = tokenInDamagedValue(value, deps.clock.now());
      if (!found) return;
      revokes.add(found.token, found.expiresAtMs);
      logger.warn('a damaged stored session still held a token; it will be revoked');
    },
  });
  const lastEmail = createSealedSlot({ key: LAST_EMAIL_KEY, ...deps, schema: lastEmailSchema });
  const listeners = new Set<() => void>();
  // The session as the app knows it; the disk catches up.
  let held: { session: StoredSession | null } | null = null;
  let writeFailed = false;
  let attempt = 0;
  let pending: { cancel: Cancel; done: Promise<void>; settle: () => void } | null = null;
  let retry: Cancel | null = null;

  const setFailed = (failed: boolean): void => {
    if (writeFailed === failed) return;
    writeFailed = failed;
    for (const listener of listeners) listener();
  };
  const cancelWrites = (): void => {
    retry?.();
    retry = null;
    pending?.cancel();
    pending?.settle();
    pending = null;
  };

  function writeNow(): void {
    const current = pending;
    pending = null;
    retry?.();
    retry = null;
    let failed = false;
    try {
      const session = held?.session ?? null;
      if (session) slot.write(session);
      attempt = 0;
    } catch (error) {
      // Signed in for this run either way; the banner says the next start will not be.
      failed = true;
      const wait = backoffDelay(attempt, () => 1, WRITE_RETRY);
      attempt += 1;
      logger.error('could not store the session; will retry', { error, retryInMs: wait });
      retry = schedule(wait, writeNow);
    } finally {
      current?.settle();
    }
    setFailed(failed);
  }

  return {
    get persistence() {
      return writeFailed ? 'memory-only' : slot.persistence;
    },
    onPersistenceChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    load() {
      held ??= { session: slot.read() };
      return held.session;
    },
    save(session) {
      held = { session };
      if (pending) return;
      let settle = (): void => undefined;
      const done = new Promise<void>((resolve) => (settle = resolve));
      const immediate = setImmediate(writeNow);
      pending = { cancel: () => clearImmediate(immediate), done, settle };
    },
    written: () => pending?.done ?? Promise.resolve(),
    flush() {
      if (!pending && !retry) return;
      writeNow();
      retry?.();
      retry = null;
    },
    wipe() {
      cancelWrites();
      held = { session: null };
      slot.clear();
      attempt = 0;
      setFailed(false);
    },
    setAside(reason) {
      cancelWrites();
      held = { session: null };
      slot.setAside(reason);
    },
    revokes,
    lastEmail: () => lastEmail.read()?.email ?? null,
    rememberEmail(email) {
      if (lastEmail.read()?.email === email) return;
      try {
        lastEmail.write({ email });
      } catch (error) {
        logger.warn('could not remember the email address for next time', { error });
      }
    },
  };
}
