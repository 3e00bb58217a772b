// In-memory state of users, magic-link tokens and sessions. The rule: records are plain data
// with emulator-clock milliseconds; projection to wire JSON lives in objects.ts. Tokens and
// sessions are capped (bounded-records.ts); users are kept, as only clients create them.
import { BoundedRecords } from './bounded-records';
import type { EmulatorClock } from './clock';
import type { Attributes, Name } from './fields';
import type { RetentionLimits } from './types';

export type UserStatus = 'active' | 'pending';

export interface EmailRecord {
  email_id: string;
  email: string;
  verified: boolean;
}

export interface UserRecord {
  user_id: string;
  status: UserStatus;
  emails: EmailRecord[];
  name?: Name;
  created_at: number;
  trusted_metadata: Record<string, unknown>;
  untrusted_metadata: Record<string, unknown>;
}

export type TokenKind = 'login' | 'signup' | 'invite' | 'embedded';

export interface TokenRecord {
  token: string;
  kind: TokenKind;
  user_id: string;
  /** The email the link went to; absent for embeddable tokens. */
  email_id?: string;
  embedded_id?: string;
  redirect_url?: string;
  expires_at: number;
  used: boolean;
  revoked: boolean;
  code_challenge?: string;
  attributes?: Attributes;
}

export interface AuthFactor {
  type: 'magic_link';
  delivery_method: 'email' | 'embedded';
  last_authenticated_at: string;
  created_at: string;
  updated_at: string;
  email_factor?: { email_id: string; email_address: string };
  embeddable_magic_link_factor?: { embedded_id: string };
}

export interface SessionRecord {
  session_id: string;
  session_token: string;
  user_id: string;
  started_at: number;
  last_accessed_at: number;
  expires_at: number;
  revoked: boolean;
  attributes: Attributes;
  factors: AuthFactor[];
  custom_claims: Record<string, unknown>;
}

export class Store {
  readonly users = new Map<string, UserRecord>();
  /** Lower-cased email → user_id, for live users only. */
  readonly emailIndex = new Map<string, string>();
  readonly tokens: BoundedRecords<TokenRecord>;
  readonly sessions: BoundedRecords<SessionRecord>;
  /** session_token → session, for exactly the sessions in `sessions`. */
  readonly sessionsByToken = new Map<string, SessionRecord>();

  constructor(clock: EmulatorClock, limits: Pick<Required<RetentionLimits>, 'tokens' | 'sessions'>) {
    this.tokens = new BoundedRecords(limits.tokens, (t) => !this.isTokenUsable(t, clock.now()));
    this.sessions = new BoundedRecords(
      limits.sessions,
      (s) => !this.isSessionLive(s, clock.now()),
      (s) => this.sessionsByToken.delete(s.session_token),
    );
  }

  userByEmail(email: string): UserRecord | undefined {
    const id = this.emailIndex.get(email.toLowerCase());
    return id === undefined ? undefined : this.users.get(id);
  }

  addUser(user: UserRecord): void {
    this.users.set(user.user_id, user);
    for (const e of user.emails) this.emailIndex.set(e.email.toLowerCase(), user.user_id);
  }

  addEmail(user: UserRecord, email: EmailRecord): void {
    user.emails.push(email);
    this.emailIndex.set(email.email.toLowerCase(), user.user_id);
  }

  addToken(token: TokenRecord): void {
    this.tokens.add(token.token, token);
  }

  /** A used token stays known (replay answers unable_to_auth) until the limit needs its place. */
  consumeToken(token: TokenRecord): void {
    token.used = true;
    this.tokens.markEnded(token.token);
  }

  revokeToken(token: TokenRecord): void {
    token.revoked = true;
    this.tokens.markEnded(token.token);
  }

  addSession(session: SessionRecord): void {
    this.sessionsByToken.set(session.session_token, session);
    this.sessions.add(session.session_id, session);
  }

  /** A session in use is the last live one the limit would push out. */
  touchSession(session: SessionRecord): void {
    this.sessions.touch(session.session_id);
  }

  revokeSession(session: SessionRecord): void {
    session.revoked = true;
    this.sessions.markEnded(session.session_id);
  }

  /** A deleted user disappears from look-ups; its sessions and links stop working. */
  deleteUser(user: UserRecord): void {
    this.users.delete(user.user_id);
    for (const e of user.emails) {
      if (this.emailIndex.get(e.email.toLowerCase()) === user.user_id) this.emailIndex.delete(e.email.toLowerCase());
    }
    for (const s of this.sessions.values()) if (s.user_id === user.user_id) this.revokeSession(s);
    for (const t of this.tokens.values()) if (t.user_id === user.user_id) this.revokeToken(t);
  }

  isTokenUsable(token: TokenRecord, now: number): boolean {
    return !token.used && !token.revoked && token.expires_at > now && this.users.has(token.user_id);
  }

  isSessionLive(session: SessionRecord, now: number): boolean {
    return !session.revoked && session.expires_at > now && this.users.has(session.user_id);
  }

  clear(): void {
    this.users.clear();
    this.emailIndex.clear();
    this.tokens.clear();
    this.sessions.clear();
    this.sessionsByToken.clear();
  }
}
