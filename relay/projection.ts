// What the relay hands back of Stytch's answers: the fields the desktop app uses, nothing more.
// Phone numbers, other factors, metadata and device details stay at the relay.
// Rule: every success body the relay sends about a user or session is built here.

interface StytchUser {
  user_id: string;
  emails?: { email: string; email_id?: string }[];
  name?: { first_name?: string; middle_name?: string; last_name?: string };
}

interface StytchSession {
  session_id: string;
  user_id?: string;
  started_at?: string;
  last_accessed_at?: string;
  expires_at?: string;
}

export interface UserView {
  user_id: string;
  email: string | null;
  name: string | null;
}

export interface SessionView {
  session_id: string;
  started_at: string | null;
  last_accessed_at: string | null;
  expires_at: string | null;
}

/** `methodId` is the email the user just proved, when Stytch says which one. */
export function userView(user: StytchUser, methodId?: string): UserView {
  const proved = methodId ? user.emails?.find((email) => email.email_id === methodId) : undefined;
  const name = [user.name?.first_name, user.name?.last_name]
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .join(' ');
  return { user_id: user.user_id, email: (proved ?? user.emails?.[0])?.email ?? null, name: name || null };
}

export function sessionView(session: StytchSession): SessionView {
  return {
    session_id: session.session_id,
    started_at: session.started_at ?? null,
    last_accessed_at: session.last_accessed_at ?? null,
    expires_at: session.expires_at ?? null,
  };
}

export interface AuthenticatedBody {
  request_id?: string;
  session_token: string;
  session_jwt: string;
  session?: StytchSession | null;
  user: StytchUser;
  method_id?: string;
}

/** The shape of both magic-link and session authenticate answers; null if Stytch made no session. */
export function authenticatedView(body: AuthenticatedBody): Record<string, unknown> | null {
  if (!body.session || !body.session_token || !body.session_jwt) return null;
  return {
    ...(body.request_id ? { request_id: body.request_id } : {}),
    session_token: body.session_token,
    session_jwt: body.session_jwt,
    session: sessionView(body.session),
    user: userView(body.user, body.method_id),
  };
}
