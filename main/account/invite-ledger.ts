// The invites this app sent and has not revoked, so the account screen can list them and
// offer "Revoke". Stytch has no "list my invites" call, so the app keeps its own record.
// Rule: nothing here may import electron; the record holds emails and names only, never a
// token, so it lives under a plain (unencrypted) Store key.
import { z } from 'zod';
import type { Logger, Store } from '../../common/ports';

export const INVITES_KEY = 'account-pending-invites';

const recordSchema = z.object({
  /** The user who sent it: someone else signing in on this computer does not see it. */
  invitedBy: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  sentAt: z.string(),
  /**
   * When the invite link stops working, where this app chose it (direct mode). Absent in
   * relay mode, where the relay's own setting decides, and in records kept before it existed.
   */
  expiresAt: z.string().optional(),
});
export type InviteRecord = z.infer<typeof recordSchema>;

export interface InviteLedger {
  /** Newest first; invites whose link has expired by `nowMs` are no longer pending. */
  list(invitedBy: string, nowMs: number): InviteRecord[];
  /** Replaces an earlier invite of the same email by the same user (a re-invite). */
  add(record: InviteRecord): void;
  remove(invitedBy: string, email: string): void;
}

/** Emails compare case-insensitively, as Stytch matches them. */
const sameEmail = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

export function createInviteLedger(deps: { store: Store; logger: Logger }): InviteLedger {
  function readAll(): InviteRecord[] {
    const parsed = z.array(recordSchema).safeParse(deps.store.get(INVITES_KEY) ?? []);
    if (parsed.success) return parsed.data;
    // A damaged record only costs the list of pending invites; start it afresh.
    deps.logger.warn('pending invites record was unreadable; starting a new one');
    return [];
  }
  const write = (records: InviteRecord[]): void => deps.store.set(INVITES_KEY, records);

  return {
    list: (invitedBy, nowMs) =>
      readAll()
        .filter((record) => record.invitedBy === invitedBy && !(record.expiresAt !== undefined && Date.parse(record.expiresAt) <= nowMs))
        .sort((a, b) => b.sentAt.localeCompare(a.sentAt)),
    add(record) {
      write([...readAll().filter((old) => !(old.invitedBy === record.invitedBy && sameEmail(old.email, record.email))), record]);
    },
    remove(invitedBy, email) {
      write(readAll().filter((old) => !(old.invitedBy === invitedBy && sameEmail(old.email, email))));
    },
  };
}
