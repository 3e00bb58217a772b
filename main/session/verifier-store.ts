// PKCE verifiers for links that are still out there, kept encrypted so the flow survives an
// app restart between "send" and "click". A token does not say which challenge it carries,
// so callers get every unexpired verifier, newest first, and try them in order.
// Rule: nothing here may import electron; no verifier leaves except to the authenticate call.
import { z } from 'zod';
import type { CipherStatus, Clock, Logger, Store } from '../ports';
import { createSealedSlot, type Persistence } from './sealed-slot';

export const VERIFIERS_KEY = 'pkce-verifiers';
/** More pending links than this is not a real person; the oldest are dropped. */
export const MAX_STORED_VERIFIERS = 10;

const recordSchema = z.object({
  verifiers: z.array(z.object({ verifier: z.string().min(43), createdAt: z.number(), expiresAt: z.number() })),
});
type VerifierRecord = z.infer<typeof recordSchema>;

export interface VerifierStore {
  readonly persistence: Persistence;
  add(verifier: string, expiresAtMs: number): void;
  /** Unexpired verifiers, newest first, at most `limit`. */
  candidates(limit: number): string[];
  remove(verifier: string): void;
  clear(): void;
}

export function createVerifierStore(deps: { cipher: CipherStatus; store: Store; logger: Logger; clock: Clock }): VerifierStore {
  const slot = createSealedSlot<VerifierRecord>({
    key: VERIFIERS_KEY,
    ...deps,
    parse: (value) => {
      const result = recordSchema.safeParse(value);
      return result.success ? result.data : null;
    },
  });
  const live = (): VerifierRecord['verifiers'] => {
    const now = deps.clock.now();
    return (slot.read()?.verifiers ?? []).filter((entry) => entry.expiresAt > now);
  };
  const save = (verifiers: VerifierRecord['verifiers']): void => {
    if (verifiers.length === 0) slot.clear();
    else slot.write({ verifiers });
  };

  return {
    persistence: slot.persistence,
    add(verifier, expiresAtMs) {
      const next = [{ verifier, createdAt: deps.clock.now(), expiresAt: expiresAtMs }, ...live()];
      save(next.slice(0, MAX_STORED_VERIFIERS));
    },
    candidates(limit) {
      return live()
        .sort((a, b) => b.createdAt - a.createdAt)
        .slice(0, limit)
        .map((entry) => entry.verifier);
    },
    remove(verifier) {
      save(live().filter((entry) => entry.verifier !== verifier));
    },
    clear() {
      slot.clear();
    },
  };
}
