// Reading request bodies and writing replies for the relay. Errors have Stytch's shape
// (status_code, request_id, error_type, error_message) so the app maps a relay error exactly
// as it maps the same error from Stytch.
// Rule: a body is never buffered past the configured limit, and no reply carries CORS headers.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
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

export type BodyResult = { ok: true; text: string } | { ok: false; reason: 'too_large' | 'aborted' };

/** Past this, stop draining an oversized upload and hang up instead. */
const DRAIN_FACTOR = 64;

export function readBody(req: IncomingMessage, limitBytes: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes * DRAIN_FACTOR) {
    // Not worth draining: answer now and let the connection close.
    req.pause();
    return Promise.resolve({ ok: false, reason: 'too_large' });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes * DRAIN_FACTOR) {
        resolve({ ok: false, reason: 'too_large' });
        req.pause();
        return;
      }
      if (size <= limitBytes) chunks.push(chunk);
    });
    // Reading to the end (rather than answering mid-upload) lets the client see the 413.
    req.on('end', () =>
      resolve(size > limitBytes ? { ok: false, reason: 'too_large' } : { ok: true, text: Buffer.concat(chunks).toString('utf8') }),
    );
    req.on('error', () => resolve({ ok: false, reason: 'aborted' }));
    req.on('close', () => resolve({ ok: false, reason: 'aborted' }));
  });
}

export function send(res: ServerResponse, reply: Reply, requestId: string, closeAfter = false): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...reply.headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    // Answers carry session tokens: no cache anywhere may keep them.
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-request-id': requestId,
    ...(closeAfter ? { connection: 'close' } : {}),
  });
  res.end(text);
}
