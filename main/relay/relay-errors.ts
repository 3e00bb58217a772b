// Failures of relay calls, in the core's own codes. A Stytch error the relay passed through
// maps exactly as the direct gateway maps it (main/auth/error-map); the relay's own error
// types, and failures to reach the relay at all, get the code a person would need.
// Rule: nothing here may import electron; nothing here throws.
import { codeForErrorType, DEFAULT_RETRY_AFTER_SECONDS, type FailureCode } from '../auth/error-map';
import type { GatewayFailure } from '../auth/stytch-gateway';
import { networkProblem } from '../network/network-problems';

const RELAY_ERROR_TYPES: Readonly<Record<string, FailureCode>> = {
  // The relay is up but Stytch is not (or answered nonsense): same as Stytch trouble.
  relay_upstream_unreachable: 'stytch-unavailable',
  relay_upstream_bad_response: 'stytch-unavailable',
  relay_upstream_timeout: 'timeout',
  // The stored token is not even shaped like a session token: it cannot be a live session.
  relay_invalid_authorization: 'session-ended',
  // Our own request was wrong for this relay (version skew, a proxy in between): support.
  relay_session_token_required: 'misconfigured',
  relay_unsupported_media_type: 'misconfigured',
  relay_cross_origin_refused: 'misconfigured',
  request_too_large: 'misconfigured',
  method_not_allowed: 'misconfigured',
};

export interface ErrorPayload {
  error_type?: unknown;
  error_message?: unknown;
  retry_after_seconds?: unknown;
  error_details?: unknown;
}

function seconds(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number >= 0 ? Math.ceil(number) : undefined;
}

/** A non-2xx answer from the relay; `retryAfterHeader` is the raw Retry-After header. */
export function failureFromResponse(status: number, payload: ErrorPayload | undefined, retryAfterHeader: string | null): GatewayFailure {
  const errorType = typeof payload?.error_type === 'string' ? payload.error_type : undefined;
  let code: FailureCode;
  if (errorType !== undefined) code = RELAY_ERROR_TYPES[errorType] ?? codeForErrorType(errorType, status);
  // No Stytch-shaped body: a proxy or load balancer in front of the relay answered.
  else if (status >= 500) code = 'stytch-unavailable';
  else if (status === 429) code = 'rate-limited';
  else code = 'unexpected';

  const failure: GatewayFailure = {
    code,
    status,
    ...(errorType !== undefined ? { errorType } : {}),
    ...(typeof payload?.error_message === 'string' ? { detail: payload.error_message } : { detail: `relay answered HTTP ${status}` }),
  };
  if (code === 'rate-limited') {
    const details = typeof payload?.error_details === 'object' && payload.error_details !== null ? (payload.error_details as Record<string, unknown>) : {};
    failure.retryAfterSeconds =
      seconds(payload?.retry_after_seconds) ?? seconds(details['retry_after_seconds']) ?? seconds(retryAfterHeader) ?? DEFAULT_RETRY_AFTER_SECONDS;
  }
  return failure;
}

/** fetch itself failed: no answer from the relay. */
export function failureFromFetchError(error: unknown, timedOut: boolean, timeoutMs: number): GatewayFailure {
  if (timedOut) return { code: 'timeout', detail: `the relay did not answer within ${timeoutMs} ms` };
  // A proxy wanting a password, or an inspecting proxy's certificate: the person can act.
  const problem = networkProblem(error);
  if (problem !== null) return { code: problem, detail: `the relay could not be reached (${problem})` };
  // undici puts the system code (ECONNREFUSED…) on the error itself, fetch on its cause.
  const shape = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = typeof shape?.code === 'string' ? shape.code : shape?.cause?.code;
  const detail = typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
  // Refused, reset, DNS: from here that is indistinguishable from being offline.
  return { code: 'offline', detail: `the relay could not be reached (${detail})` };
}
