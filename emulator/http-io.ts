// Reading request bodies and writing replies. The rule: a body is never buffered beyond
// 1 MB, and every reply is complete (status, content type, length) so no client can hang on it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody } from './errors';

export const MAX_BODY_BYTES = 1024 * 1024;
/** Past this, stop draining an oversized upload and hang up. */
const DRAIN_LIMIT_BYTES = 32 * MAX_BODY_BYTES;

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export type BodyResult = { ok: true; text: string } | { ok: false; reason: 'too_large' | 'aborted' };

export function readBody(req: IncomingMessage): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT_BYTES) {
        req.destroy();
        return;
      }
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    // Reading to the end (rather than answering mid-upload) lets the client see the 400.
    req.on('end', () => resolve(tooLarge ? { ok: false, reason: 'too_large' } : { ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => resolve({ ok: false, reason: 'aborted' }));
    req.on('close', () => resolve({ ok: false, reason: 'aborted' }));
  });
}

export function jsonReply(status: number, value: unknown): Reply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(value) };
}

export function errorReply(status: number, errorType: string, message?: string): Reply {
  return jsonReply(status, errorBody(status, errorType, message));
}

export function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  // Encode once: the length header and the write use the same bytes.
  const bytes = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, {
    'cache-control': 'no-store',
    ...reply.headers,
    'content-length': String(bytes.length),
  });
  res.end(bytes);
}
