// Turns every Stytch error_type, HTTP status and network failure into one stable code.
// The codes are what the flow, the notices table, the logs and the tests key on.
// Rule: nothing here may import electron.

export const FAILURE_CODES = [
  'invalid-email',
  'link-invalid',
  'link-expired-or-used',
  'link-replayed',
  'link-from-elsewhere',
  'user-not-found',
  'already-has-account',
  'rate-limited',
  'misconfigured',
  'offline',
  'certificate-untrusted',
  'proxy-auth-required',
  'timeout',
  'stytch-unavailable',
  'session-ended',
  'session-expired',
  'unexpected',
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

export const DEFAULT_RETRY_AFTER_SECONDS = 60;

const BY_ERROR_TYPE: Readonly<Record<string, FailureCode>> = {
  invalid_email: 'invalid-email',
  magic_link_not_found: 'link-invalid',
  invalid_token: 'link-invalid',
  unable_to_auth_magic_link: 'link-expired-or-used',
  user_not_found: 'user-not-found',
  // send (existing-users-only) and revoke_invite: nobody with this email.
  email_not_found: 'user-not-found',
  // invite: the person already has an active account.
  duplicate_email: 'already-has-account',
  too_many_requests: 'rate-limited',
  pkce_mismatch: 'link-from-elsewhere',
  pkce_expected_code_verifier: 'link-from-elsewhere',
  pkce_did_not_expect_code_verifier: 'link-from-elsewhere',
  attribute_mismatch: 'link-from-elsewhere',
  session_not_found: 'session-ended',
  // Our own request was wrong or the project is set up differently from what we assume:
  // nothing a person can fix, so support must look at the log.
  unauthorized_credentials: 'misconfigured',
  invalid_expiration: 'misconfigured',
  invalid_pkce_code_challenge: 'misconfigured',
  invalid_session_duration_minutes: 'misconfigured',
  no_match_for_provided_magic_link_url: 'misconfigured',
  no_default_login_redirect_url_set: 'misconfigured',
  no_default_signup_redirect_url_set: 'misconfigured',
  no_default_invite_redirect_url_set: 'misconfigured',
  project_not_found: 'misconfigured',
  bad_request: 'misconfigured',
  route_not_found: 'misconfigured',
  internal_server_error: 'stytch-unavailable',
};

/** The fields of the SDK's StytchError / RequestError / ClientError that we read. */
interface ErrorShape {
  status_code?: unknown;
  error_type?: unknown;
  error_message?: unknown;
  error_details?: unknown;
  code?: unknown;
  message?: unknown;
  request?: unknown;
}

export interface MappedFailure {
  code: FailureCode;
  errorType?: string;
  status?: number;
  retryAfterSeconds?: number;
  detail?: string;
}

export function codeForErrorType(errorType: string, status?: number): FailureCode {
  const known = BY_ERROR_TYPE[errorType];
  if (known) return known;
  if (status !== undefined && status >= 500) return 'stytch-unavailable';
  if (status === 429) return 'rate-limited';
  if (status === 401 || status === 403) return 'misconfigured';
  return 'unexpected';
}

function retryAfterFrom(details: unknown): number | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const value = (details as Record<string, unknown>)['retry_after_seconds'] ?? (details as Record<string, unknown>)['retry_after'];
  const seconds = typeof value === 'string' ? Number(value) : value;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined;
}

/** Maps anything an SDK call can throw. Never throws itself. */
export function mapStytchError(error: unknown): MappedFailure {
  if (typeof error !== 'object' || error === null) return { code: 'unexpected', detail: String(error) };
  const shape = error as ErrorShape;
  const message = typeof shape.message === 'string' ? shape.message : '';

  if (typeof shape.error_type === 'string') {
    const status = typeof shape.status_code === 'number' ? shape.status_code : undefined;
    const code = codeForErrorType(shape.error_type, status);
    const failure: MappedFailure = {
      code,
      errorType: shape.error_type,
      ...(status !== undefined ? { status } : {}),
      ...(typeof shape.error_message === 'string' ? { detail: shape.error_message } : {}),
    };
    if (code === 'rate-limited') {
      failure.retryAfterSeconds = retryAfterFrom(shape.error_details) ?? DEFAULT_RETRY_AFTER_SECONDS;
    }
    return failure;
  }
  // RequestError: fetch failed (DNS, refused, reset, undici timeouts) or a non-JSON body.
  if ('request' in shape) {
    if (message.startsWith('Unable to parse JSON response')) return { code: 'stytch-unavailable', detail: message };
    return { code: 'offline', detail: message };
  }
  if (typeof shape.code === 'string' && shape.code.startsWith('UND_ERR_')) {
    return { code: shape.code.includes('TIMEOUT') ? 'timeout' : 'offline', detail: shape.code };
  }
  return { code: 'unexpected', detail: message || 'unknown error' };
}
