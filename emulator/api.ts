// The shape shared by every /v1 handler: it gets the parsed request and returns the success
// body (the server adds request_id and status_code) or throws a StytchApiError.
import type { EmulatorContext } from './context';
import type { Body } from './fields';

export interface ApiRequest {
  /** Decoded path parameters, in order. */
  params: string[];
  query: URLSearchParams;
  body: Body;
}

export type ApiHandler = (ctx: EmulatorContext, req: ApiRequest) => Record<string, unknown> | Promise<Record<string, unknown>>;

export interface ApiRoute {
  method: 'GET' | 'POST' | 'DELETE';
  /** Anchored; capture groups become params. */
  pattern: RegExp;
  /** 'optional' = no header is fine, a wrong one is still refused (JWKS). */
  auth: 'required' | 'optional';
  handler: ApiHandler;
}
