// Every error the emulator can answer with, in Stytch's shape. The rule: an error body always
// repeats status_code and carries an error_url, and never has an `error` key (the SDK would
// read it as an OAuth error).
import { randomUUID } from 'node:crypto';
import { SESSION_MINUTES } from '../common/stytch/constants';

interface ErrorRow {
  status: number;
  message: string;
}

const TABLE = {
  unauthorized_credentials: { status: 401, message: 'Unauthorized credentials.' },
  too_many_requests: { status: 429, message: 'Too many requests have been made.' },
  bad_request: { status: 400, message: 'The submitted request is invalid.' },
  route_not_found: { status: 404, message: 'The requested route could not be found.' },
  internal_server_error: {
    status: 500,
    message:
      'Oops, something seems to have gone wrong, please reach out to support@stytch.com to let us know what went wrong.',
  },
  invalid_email: { status: 400, message: 'Email format is invalid.' },
  invalid_expiration: { status: 400, message: 'The expiration is invalid; it must be between 5 and 10080 minutes.' },
  invalid_pkce_code_challenge: { status: 400, message: 'The code_challenge is not a valid base64url SHA-256 hash.' },
  no_default_login_redirect_url_set: { status: 400, message: 'No default login redirect URL is set for this project.' },
  no_default_signup_redirect_url_set: { status: 400, message: 'No default signup redirect URL is set for this project.' },
  no_default_invite_redirect_url_set: { status: 400, message: 'No default invite redirect URL is set for this project.' },
  no_match_for_provided_magic_link_url: {
    status: 400,
    message: 'The magic link URL does not match any redirect URL configured for this project.',
  },
  email_not_found: { status: 404, message: 'Email could not be found.' },
  user_not_found: { status: 404, message: 'User could not be found.' },
  session_not_found: { status: 404, message: 'Session could not be found.' },
  duplicate_email: { status: 400, message: 'A user with the specified email already exists for this project.' },
  too_many_session_arguments: {
    status: 400,
    message: 'Only one of session_token or session_jwt may be provided.',
  },
  no_session_arguments: { status: 400, message: 'One of session_token or session_jwt must be provided.' },
  too_many_session_revoke_arguments: {
    status: 400,
    message: 'Only one of session_id, session_token or session_jwt may be provided.',
  },
  no_session_revoke_arguments: {
    status: 400,
    message: 'One of session_id, session_token or session_jwt must be provided.',
  },
  invalid_session_id: { status: 400, message: 'session_id format is invalid.' },
  invalid_user_id: { status: 400, message: 'user_id format is invalid.' },
  invalid_session_duration_minutes: {
    status: 400,
    message: `session_duration_minutes must be between ${SESSION_MINUTES.min} and ${SESSION_MINUTES.max}.`,
  },
  unable_to_parse_session_jwt: { status: 400, message: 'The session JWT could not be parsed or verified.' },
  custom_claims_too_large: { status: 400, message: 'Custom claims must be at most 4 KB.' },
  magic_link_not_found: {
    status: 404,
    message: 'The magic link could not be authenticated, try sending another magic link to the user.',
  },
  unable_to_auth_magic_link: {
    status: 401,
    message:
      'The magic link could not be authenticated because it was either already used or expired. Send another magic link to this user.',
  },
  attribute_mismatch: {
    status: 401,
    message: "Unable to authenticate because attributes on request don't match stored attributes.",
  },
  pkce_expected_code_verifier: {
    status: 400,
    message:
      'This flow was started using a code_challenge but the authentication call is missing the corresponding code_verifier.',
  },
  pkce_did_not_expect_code_verifier: {
    status: 400,
    message: 'This flow was not started with a code_challenge, but the authentication call has a code_verifier.',
  },
  pkce_mismatch: {
    status: 400,
    message: 'The submitted code_verifier does not match the code_challenge sent at the start of the flow.',
  },
  project_not_found: { status: 404, message: 'Project could not be found.' },
} as const satisfies Record<string, ErrorRow>;

export type ErrorType = keyof typeof TABLE;

export function isKnownErrorType(value: string): value is ErrorType {
  return Object.hasOwn(TABLE, value);
}

export function newRequestId(): string {
  return `request-id-test-${randomUUID()}`;
}

/** Thrown by handlers; the server turns it into the Stytch error body. */
export class StytchApiError extends Error {
  readonly status: number;
  readonly errorType: string;

  constructor(errorType: ErrorType, message?: string) {
    const row: ErrorRow = TABLE[errorType];
    super(message ?? row.message);
    this.status = row.status;
    this.errorType = errorType;
  }
}

export interface ErrorBody {
  status_code: number;
  request_id: string;
  error_type: string;
  error_message: string;
  error_url: string;
}

export function errorBody(status: number, errorType: string, message?: string): ErrorBody {
  const known: ErrorRow | undefined = isKnownErrorType(errorType) ? TABLE[errorType] : undefined;
  return {
    status_code: status,
    request_id: newRequestId(),
    error_type: errorType,
    error_message: message ?? known?.message ?? 'The request could not be completed.',
    error_url: `https://stytch.com/docs/api/errors/${status}#${errorType}`,
  };
}

export function bodyFor(error: StytchApiError): ErrorBody {
  return errorBody(error.status, error.errorType, error.message);
}
