import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_AFTER_SECONDS } from '../../../main/auth/error-map';
import { failureFromFetchError, failureFromResponse } from '../../../main/relay/relay-errors';

describe('relay failures in the core\u2019s codes', () => {
  it('maps Stytch errors the relay passed through exactly as the direct gateway does', () => {
    const cases = [
      [400, 'pkce_mismatch', 'link-from-elsewhere'],
      [401, 'unable_to_auth_magic_link', 'link-expired-or-used'],
      [404, 'magic_link_not_found', 'link-invalid'],
      [404, 'session_not_found', 'session-ended'],
      [404, 'email_not_found', 'user-not-found'],
      [400, 'invalid_email', 'invalid-email'],
      [401, 'unauthorized_credentials', 'misconfigured'],
      [503, 'internal_server_error', 'stytch-unavailable'],
    ] as const;
    for (const [status, errorType, code] of cases) {
      expect(failureFromResponse(status, { error_type: errorType, error_message: 'm' }, null), errorType).toEqual({
        code,
        status,
        errorType,
        detail: 'm',
      });
    }
  });

  it('maps the relay\u2019s own error types', () => {
    const code = (status: number, errorType: string) => failureFromResponse(status, { error_type: errorType }, null).code;
    expect(code(502, 'relay_upstream_unreachable')).toBe('stytch-unavailable');
    expect(code(502, 'relay_upstream_bad_response')).toBe('stytch-unavailable');
    expect(code(504, 'relay_upstream_timeout')).toBe('timeout');
    expect(code(401, 'relay_invalid_authorization')).toBe('session-ended');
    expect(code(401, 'relay_session_token_required')).toBe('misconfigured');
    expect(code(413, 'request_too_large')).toBe('misconfigured');
    expect(code(400, 'bad_request')).toBe('misconfigured');
    expect(code(404, 'route_not_found')).toBe('misconfigured');
  });

  it('takes the wait from the body, then the details, then the Retry-After header', () => {
    expect(failureFromResponse(429, { error_type: 'too_many_requests', retry_after_seconds: 42 }, '7').retryAfterSeconds).toBe(42);
    expect(failureFromResponse(429, { error_type: 'too_many_requests', error_details: { retry_after_seconds: 9.2 } }, null).retryAfterSeconds).toBe(10);
    expect(failureFromResponse(429, { error_type: 'too_many_requests' }, '7').retryAfterSeconds).toBe(7);
    expect(failureFromResponse(429, undefined, null)).toMatchObject({ code: 'rate-limited', retryAfterSeconds: DEFAULT_RETRY_AFTER_SECONDS });
  });

  it('treats an answer with no Stytch shape (a proxy page) by its status', () => {
    expect(failureFromResponse(502, undefined, null)).toEqual({ code: 'stytch-unavailable', status: 502, detail: 'relay answered HTTP 502' });
    expect(failureFromResponse(418, undefined, null).code).toBe('unexpected');
  });

  it('calls an unreachable relay offline, and our own timer timeout', () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    expect(failureFromFetchError(refused, false, 1000)).toEqual({ code: 'offline', detail: 'the relay could not be reached (ECONNREFUSED)' });
    const reset = Object.assign(new Error('other side closed'), { code: 'ECONNRESET' });
    expect(failureFromFetchError(reset, false, 1000)).toEqual({ code: 'offline', detail: 'the relay could not be reached (ECONNRESET)' });
    expect(failureFromFetchError(new Error('aborted'), true, 1000)).toEqual({ code: 'timeout', detail: 'the relay did not answer within 1000 ms' });
  });
});
