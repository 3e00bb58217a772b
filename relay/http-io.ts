// The relay's replies as values. Errors have Stytch's shape (status_code, request_id,
// error_type, error_message) so the app maps a relay error exactly as it maps the same error
// from Stytch.
// Rule: every refusal a limit makes says how long to wait, in the body and in Retry-After.
import type { LimitName, Refusal } from './limits';

export interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Which limit refused the request, for metrics; never sent. */
  refusedBy?: string;
}

export interface ErrorBody {
  status_code: number;
  request_id: string;
  error_type: string;
  error_message: string;
  error_url?: string;
  [extra: string]: unknown;
}

export function errorReply(status: number, errorType: string, message: string, requestId: string, extra: Record<string, unknown> = {}): Reply {
  const body: ErrorBody = { status_code: status, request_id: requestId, error_type: errorType, error_message: message, ...extra };
  return { status, body };
}

export function okReply(body: Record<string, unknown>, requestId: string): Reply {
  // An upstream request_id in `body` wins: it is the one Stytch support can look up.
  return { status: 200, body: { request_id: requestId, ...body, status_code: 200 } };
}

const SCOPES: Record<LimitName, string> = {
  ip: 'from this network',
  email: 'for this email address from this network',
  email_overall: 'for this email address',
  user: 'for this account',
};

/** 429 when a limit is spent; 503 when the relay cannot count (table full, store unreachable). */
export function refusalReply(refusal: Refusal, requestId: string): Reply {
  if (refusal.kind === 'limited') return { ...rateLimitedReply(refusal.retryAfterSeconds, SCOPES[refusal.limit], requestId), refusedBy: refusal.limit };
  const [errorType, message] =
    refusal.kind === 'table_full'
      ? ['relay_limit_table_full', 'The relay is tracking as many clients as it can and cannot admit a new one']
      : ['relay_limits_unavailable', 'The relay cannot reach the store that holds its rate limits, so it refuses rather than run unchecked'];
  return {
    ...unavailableReply(errorType, `${message}; try again in ${refusal.retryAfterSeconds} seconds.`, refusal.retryAfterSeconds, requestId),
    refusedBy: refusal.limit,
  };
}

export function unavailableReply(errorType: string, message: string, retryAfterSeconds: number, requestId: string): Reply {
  const reply = errorReply(503, errorType, message, requestId, { retry_after_seconds: retryAfterSeconds });
  reply.headers = { 'retry-after': String(retryAfterSeconds) };
  return reply;
}

export function rateLimitedReply(retryAfterSeconds: number, scope: string, requestId: string): Reply {
  const reply = errorReply(
    429,
    'too_many_requests',
    `Too many requests ${scope}; try again in ${retryAfterSeconds} seconds.`,
    requestId,
    { retry_after_seconds: retryAfterSeconds, error_details: { retry_after_seconds: retryAfterSeconds } },
  );
  reply.headers = { 'retry-after': String(retryAfterSeconds) };
  return reply;
}

