// The relay's only way to Stytch: the official SDK over an undici Agent with hard timeouts,
// plus a timer race, because the SDK hands its own `timeout` to fetch, which ignores it.
// Every outcome becomes a value: the body, or a Stytch-shaped error the relay can pass on
// unchanged (same status, same error_type), or 502/504 when Stytch could not be reached.
// At most `maxConcurrent` calls are in flight; one more is answered 503 with Retry-After at
// once, so a flood queues nothing and Stytch never sees more than the cap.
// Rule: the secret stays inside the SDK client; nothing here logs or returns it.
import type { Client } from 'stytch';
import { Agent } from 'undici';
import type { Logger } from '../common/ports';
import { createStytchClient } from '../common/stytch/client';
import type { RelayConfig } from './config';
import { errorReply, type Reply } from './http-io';

export type UpstreamResult<T> = { ok: true; body: T } | { ok: false; reply: Reply };

/** Told about every finished call, for metrics. */
export type UpstreamObserver = (call: string, outcome: 'ok' | 'refused' | 'timeout' | 'busy', seconds: number) => void;

export interface Upstream {
  /** Runs one SDK call with the relay's timeout; `label` names it in the log. */
  call<T>(label: string, requestId: string, run: (client: Client) => Promise<T>): Promise<UpstreamResult<T>>;
  close(): Promise<void>;
}

interface StytchErrorShape {
  status_code?: unknown;
  request_id?: unknown;
  error_type?: unknown;
  error_message?: unknown;
  error_url?: unknown;
  message?: unknown;
  request?: unknown;
}

/** Turns whatever the SDK threw into the reply the relay sends. Never throws. */
export function upstreamFailure(error: unknown, requestId: string): Reply {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as StytchErrorShape;
  if (typeof shape.error_type === 'string') {
    const status = typeof shape.status_code === 'number' && shape.status_code >= 400 && shape.status_code <= 599 ? shape.status_code : 502;
    return errorReply(
      status,
      shape.error_type,
      typeof shape.error_message === 'string' ? shape.error_message : 'Stytch refused the request.',
      typeof shape.request_id === 'string' ? shape.request_id : requestId,
      typeof shape.error_url === 'string' ? { error_url: shape.error_url } : {},
    );
  }
  const message = typeof shape.message === 'string' ? shape.message : String(error);
  if ('request' in shape && message.startsWith('Unable to parse JSON response')) {
    return errorReply(502, 'relay_upstream_bad_response', 'Stytch answered with something that is not JSON.', requestId);
  }
  if ('request' in shape) {
    return errorReply(502, 'relay_upstream_unreachable', 'The relay could not reach Stytch.', requestId);
  }
  return errorReply(500, 'internal_server_error', 'The relay failed while handling the request.', requestId);
}

export function createUpstream(config: RelayConfig, logger: Logger, observe: UpstreamObserver = () => undefined): Upstream {
  const timeoutMs = config.stytch.timeoutMs;
  let inFlight = 0;
  // The Agent's own limits sit a little past the race so the race decides (504, not a
  // generic fetch failure); they still free the socket of a call nobody waits for any more.
  const agent = new Agent({
    headersTimeout: timeoutMs + 1000,
    bodyTimeout: timeoutMs + 1000,
    connect: { timeout: timeoutMs },
    keepAliveTimeout: 30_000,
  });
  const { projectId, secret, apiUrl } = config.stytch;
  const client = createStytchClient({ projectId, secret, apiUrl, dispatcher: agent, logger });

  return {
    async call<T>(label: string, requestId: string, run: (client: Client) => Promise<T>): Promise<UpstreamResult<T>> {
      if (inFlight >= config.stytch.maxConcurrent) {
        observe(label, 'busy', 0);
        logger.warn('upstream busy', { call: label, request_id: requestId, in_flight: inFlight });
        const reply = errorReply(503, 'relay_upstream_busy', 'The relay has too many calls to Stytch in flight; try again shortly.', requestId, {
          retry_after_seconds: 1,
        });
        return { ok: false, reply: { ...reply, headers: { 'retry-after': '1' }, refusedBy: 'upstream_concurrency' } };
      }
      inFlight += 1;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const attempt = run(client).then(
        (body) => ({ body }),
        (error: unknown) => ({ error }),
      );
      const started = performance.now();
      try {
        const outcome = await Promise.race([attempt, timedOut]);
        const elapsed = (performance.now() - started) / 1000;
        if (outcome === 'timeout') {
          observe(label, 'timeout', elapsed);
          logger.warn('upstream timed out', { call: label, request_id: requestId, timeout_ms: timeoutMs });
          return {
            ok: false,
            reply: errorReply(504, 'relay_upstream_timeout', `Stytch did not answer within ${timeoutMs} ms.`, requestId),
          };
        }
        if ('error' in outcome) {
          const reply = upstreamFailure(outcome.error, requestId);
          observe(label, 'refused', elapsed);
          const level = reply.status >= 500 || reply.status === 401 ? 'warn' : 'info';
          logger[level]('upstream refused', {
            call: label,
            request_id: requestId,
            status: reply.status,
            error_type: reply.body['error_type'],
            duration_ms: Math.round(performance.now() - started),
          });
          return { ok: false, reply };
        }
        observe(label, 'ok', elapsed);
        return { ok: true, body: outcome.body };
      } finally {
        inFlight -= 1;
        clearTimeout(timer);
      }
    },
    // destroy, not close: a call nobody waits for any more must not hold shutdown open.
    close: () => agent.destroy(),
  };
}
