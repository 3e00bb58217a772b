// PKCE verifiers for links that are still out there, kept encrypted so the flow survives an
// app restart between "send" and "click". A token does not say which challenge it carries,
// so callers get every unexpired verifier, newest first, and try them in order.
// Rule: nothing here may import electron; no verifier leaves except to the authenticate call.
import { z } from 'zod';
import type { CipherStatus, Clock, Logger, Store } from '../../common/ports';
import { createSealedEntries, type Persistence } from './sealed-slot';

export const VERIFIERS_KEY = 'pkce-verifiers';
/** More pending links than this is not a real person; the oldest are dropped. */
export const MAX_STORED_VERIFIERS = 10;

const entrySchema = z.object({ verifier: z.string().min(43), createdAt: z.number(), expiresAt: z.number() });

export interface VerifierStore {
  readonly persistence: Persistence;
  add(verifier: string, expiresAtMs: number): void;
  /** Unexpired verifiers, newest first, at most `limit`. */
  candidates(limit: number): string[];
  remove(verifier: string): void;
  clear(): void;
}

export function createVerifierStore(deps: { cipher: CipherStatus; store: Store; logger: Logger; clock: Clock }): VerifierStore {
  const list = createSealedEntries({ key: VERIFIERS_KEY, field: 'verifiers', entry: entrySchema, ...deps });

  return {
    persistence: list.persistence,
    add(verifier, expiresAtMs) {
      const next = [{ verifier, createdAt: deps.clock.now(), expiresAt: expiresAtMs }, ...list.live()];
      list.save(next.slice(0, MAX_STORED_VERIFIERS));
    },
    candidates(limit) {
      return list
        .live()
        .sort((a, b) => b.createdAt - a.createdAt)
        .slice(0, limit)
        .map((entry) => entry.verifier);
    },
    remove(verifier) {
      list.save(list.live().filter((entry) => entry.verifier !== verifier));
    },
    clear() {
      list.clear();
    },
  };
}
