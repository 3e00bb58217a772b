// What the core needs from Stytch, as one interface with typed results. The SDK-backed
// implementation (sdk-gateway.ts) is the first; a relay-backed one (a small server that
// holds the secret) can implement the same interface later without touching the flow.
// Rule: nothing here may import electron; implementations never throw, they return failures.
import type { FailureCode } from './error-map';
import type { JwtCheckResult } from './jwt-verify';

export interface GatewayFailure {
  code: FailureCode;
  /** Stytch's error_type when Stytch answered, for logs and tests. */
  errorType?: string;
  /** HTTP status when Stytch answered. */
  status?: number;
  /** For rate limits: how long to wait. */
  retryAfterSeconds?: number;
  /** Diagnostic detail for the log (already free of secrets, and redacted again by the logger). */
  detail?: string;
}

export type GatewayResult<T> = { ok: true; value: T } | { ok: false; failure: GatewayFailure };

export interface UserSummary {
  userId: string;
  email: string | null;
  name: string | null;
}

/** A session as Stytch returned it. Holds tokens: it stays in main, never reaches a view. */
export interface AuthenticatedSession {
  sessionToken: string;
  sessionJwt: string;
  sessionId: string;
  user: UserSummary;
  /** ISO 8601. */
  expiresAt: string;
  startedAt: string;
}

export interface SendLinkRequest {
  email: string;
  codeChallenge: string;
  callbackUrl: string;
  loginExpirationMinutes: number;
  signupExpirationMinutes: number;
}

export interface SendLinkResult {
  /** Absent in relay mode: the relay does not tell an anonymous caller whose account an address is. */
  userId?: string;
  userCreated: boolean;
}

export interface MagicLinkAuthRequest {
  token: string;
  /** Omitted only for links that carry no PKCE (embeddable links; not sent by this app). */
  codeVerifier?: string;
  sessionDurationMinutes: number;
}

/**
 * Who makes an account call: the signed-in session. The SDK addresses the user by id (it
 * holds the secret); a relay is handed the session token and works the user out itself.
 */
export interface SessionCaller {
  userId: string;
  sessionId: string;
  sessionToken: string;
}

/** One of a user's active sessions. Session ids identify, they do not authenticate. */
export interface ActiveSession {
  sessionId: string;
  startedAt: string | null;
  lastAccessedAt: string | null;
  expiresAt: string | null;
  /** The caller's own session. */
  current: boolean;
}

/** A magic-link token without PKCE: whoever holds it signs in as the user. It stays in main. */
export interface EmbeddableLink {
  token: string;
  expirationMinutes: number;
}

export interface InviteRequest {
  email: string;
  firstName?: string;
  lastName?: string;
}

export interface SendInviteRequest extends InviteRequest {
  /** Where the invite link lands (our callback); a relay applies its own. */
  callbackUrl: string;
  /** How long the invite link works (Stytch: 5..10080); a relay applies its own setting. */
  expirationMinutes?: number;
}

/** Claims of a session JWT that verified locally (signature, audience, issuer, time). */
export interface VerifiedJwt {
  sessionId: string;
  userId: string;
  /** When the session (not the JWT) ends, ISO 8601. */
  sessionExpiresAt: string;
  /** When this JWT stops verifying, ms since the epoch. */
  jwtExpiresAtMs: number;
}

/** A JSON Web Key as Stytch publishes it (public; safe to store in plain text). */
export interface PublicJwk {
  kty: string;
  kid: string;
  n: string;
  e: string;
  alg?: string;
  use?: string;
  key_ops?: string[];
}

export interface StytchGateway {
  sendMagicLink(request: SendLinkRequest): Promise<GatewayResult<SendLinkResult>>;
  authenticateMagicLink(request: MagicLinkAuthRequest): Promise<GatewayResult<AuthenticatedSession>>;
  /** Remote check of a stored session; answers with a fresh JWT. */
  authenticateSession(sessionToken: string): Promise<GatewayResult<AuthenticatedSession>>;
  /** The project's signing keys, so later JWT checks need no network. */
  fetchSigningKeys(): Promise<GatewayResult<PublicJwk[]>>;
  /** Local only: never makes a network call, never rejects; a failure says whether it is definitive. */
  verifySessionJwt(jwt: string, keys: readonly PublicJwk[], nowMs: number): Promise<JwtCheckResult>;
  revokeSession(sessionToken: string): Promise<GatewayResult<null>>;
  /** The caller's user's active sessions, the caller's own marked `current`. */
  listSessions(caller: SessionCaller): Promise<GatewayResult<ActiveSession[]>>;
  /** Revokes one session of the caller's own user. */
  revokeSessionById(caller: SessionCaller, sessionId: string): Promise<GatewayResult<null>>;
  /** A link for the caller's user with no PKCE and no email (a relay applies its own expiry). */
  createEmbeddableLink(caller: SessionCaller, expirationMinutes: number): Promise<GatewayResult<EmbeddableLink>>;
  invite(caller: SessionCaller, request: SendInviteRequest): Promise<GatewayResult<{ userId: string }>>;
  revokeInvite(caller: SessionCaller, email: string): Promise<GatewayResult<null>>;
  /** Releases sockets. */
  close(): Promise<void>;
}
