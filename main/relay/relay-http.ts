// One call to the relay: JSON over a keep-alive undici pool, one AbortSignal.timeout for the
// whole call (connect, headers and body), the answer checked against a schema, and every
// failure turned into the core's GatewayFailure. undici's request rather than fetch: the same pool and
// timeouts at about half the per-call overhead, which is most of what relay mode adds.
// Rule: nothing here may import electron; a call never throws and ends within timeoutMs.
import { Agent, request, type Dispatcher } from 'undici';
import type { z } from 'zod';
import type { GatewayFailure, GatewayResult } from '../auth/stytch-gateway';
import type { Logger } from '../../common/ports';
import { failureFromFetchError, failureFromResponse, type ErrorPayload } from './relay-errors';

export interface RelayCall {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: Record<string, unknown>;
  /** The caller's session token, for session-bound endpoints. */
  bearer?: string;
}

export interface RelayHttp {
  call: <T>(label: string, spec: RelayCall, schema: z.ZodType<T>) => Promise<GatewayResult<T>>;
  close: () => Promise<void>;
}

export function createRelayHttp(options: { relayUrl: string; timeoutMs: number; logger: Logger; network?: Dispatcher }): RelayHttp {
  const base = options.relayUrl.replace(/\/+$/, '');
  const { logger, timeoutMs } = options;
  // One pool for the gateway's lifetime: keep-alive to the relay, released by close(). With
  // a network (main/network), the system's proxy and certificate store decide the route.
  const agent = options.network ?? new Agent({ headersTimeout: timeoutMs, bodyTimeout: timeoutMs, connect: { timeout: timeoutMs } });

  async function call<T>(label: string, spec: RelayCall, schema: z.ZodType<T>): Promise<GatewayResult<T>> {
    const deadline = AbortSignal.timeout(timeoutMs);
    const fail = (failure: GatewayFailure): GatewayResult<T> => {
      logger.warn(`relay ${label} failed`, { ...failure });
      return { ok: false, failure };
    };
    try {
      const response = await request(`${base}${spec.path}`, {
        method: spec.method,
        headers: {
          accept: 'application/json',
          ...(spec.body ? { 'content-type': 'application/json' } : {}),
          ...(spec.bearer ? { authorization: `Bearer ${spec.bearer}` } : {}),
        },
        ...(spec.body ? { body: JSON.stringify(spec.body) } : {}),
        signal: deadline,
        dispatcher: agent,
      });
      const text = await response.body.text();
      let payload: unknown;
      try {
        payload = text === '' ? undefined : JSON.parse(text);
      } catch {
        payload = undefined;
      }
      if (response.statusCode >= 400) {
        const errorPayload = typeof payload === 'object' && payload !== null ? (payload as ErrorPayload) : undefined;
        const retryAfter = response.headers['retry-after'];
        return fail(failureFromResponse(response.statusCode, errorPayload, typeof retryAfter === 'string' ? retryAfter : null));
      }
      const parsed = schema.safeParse(payload);
      if (!parsed.success) return fail({ code: 'unexpected', status: response.statusCode, detail: 'the relay answered in an unknown shape' });
      return { ok: true, value: parsed.data };
    } catch (error) {
      return fail(failureFromFetchError(error, deadline.aborted, timeoutMs));
    }
  }

  return { call, close: () => agent.destroy() };
}
