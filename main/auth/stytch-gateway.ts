// What the core needs from Stytch, as one interface with typed results. The SDK-backed
// implementation (sdk-gateway.ts) is the first; a relay-backed one (a small server that
// holds the secret) can implement the same interface later without touching the flow.
// Rule: nothing here may import electron; implementations never throw, they return failures.
import type { FailureCode } from './error-map';

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
  userId: string;
  userCreated: boolean;
}

export interface MagicLinkAuthRequest {
  token: string;
  /** Omitted only for links that carry no PKCE (embeddable links; not sent by this app). */
  codeVerifier?: string;
  sessionDurationMinutes: number;
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
  /** Local only: never makes a network call. 'jwt-invalid' / 'jwt-expired' on failure. */
  verifySessionJwt(jwt: string, keys: readonly PublicJwk[], nowMs: number): GatewayResult<VerifiedJwt>;
  revokeSession(sessionToken: string): Promise<GatewayResult<null>>;
  /** Releases sockets. */
  close(): Promise<void>;
}
