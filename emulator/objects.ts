// Projection of stored records into the wire objects of contract §3 (User, Session). The
// rule: every required field is present, with the emulator's fixed values for features it
// does not model.
import { rfc3339 } from './ids';
import type { SessionRecord, UserRecord } from './store';

export const DEFAULT_ROLES = ['stytch_user'];

export function userJson(user: UserRecord): Record<string, unknown> {
  return {
    user_id: user.user_id,
    emails: user.emails.map((e) => ({ email_id: e.email_id, email: e.email, verified: e.verified })),
    status: user.status,
    phone_numbers: [],
    webauthn_registrations: [],
    providers: [],
    totps: [],
    crypto_wallets: [],
    biometric_registrations: [],
    is_locked: false,
    roles: DEFAULT_ROLES,
    name: { first_name: '', middle_name: '', last_name: '', ...user.name },
    created_at: rfc3339(user.created_at),
    trusted_metadata: user.trusted_metadata,
    untrusted_metadata: user.untrusted_metadata,
  };
}

export function sessionJson(session: SessionRecord): Record<string, unknown> {
  return {
    session_id: session.session_id,
    user_id: session.user_id,
    started_at: rfc3339(session.started_at),
    last_accessed_at: rfc3339(session.last_accessed_at),
    expires_at: rfc3339(session.expires_at),
    attributes: session.attributes,
    authentication_factors: session.factors,
    custom_claims: session.custom_claims,
    roles: DEFAULT_ROLES,
  };
}
