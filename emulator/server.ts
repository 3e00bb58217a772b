// The HTTP front: one request pipeline for the Stytch API, the redirect, the test API and the
// inbox. The rule: nothing a client sends may crash the process — every path ends in a
// complete reply (or, for an injected drop, a closed socket) and unexpected errors become 500s.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { EmulatorContext } from './context';
import { StytchApiError, bodyFor, isKnownErrorType } from './errors';
import { requestRefusal, type OwnAddress } from './host-guard';
import { errorReply, jsonReply, readBody, send } from './http-io';
import type { Reply } from './http-io';
import { inboxReply } from './inbox/serve';
import { checkAuth, dispatch, matchRoute, parseJsonBody } from './router';
import { adminReply } from './routes/admin';
import { redirectReply } from './routes/redirect';
import type { FaultSpec } from './types';

const ADMIN_PREFIX = '/__emulator/';

function faultReply(fault: FaultSpec): Reply {
  const errorType = fault.error_type ?? 'internal_server_error';
  const status = fault.status ?? (isKnownErrorType(errorType) ? new StytchApiError(errorType).status : 500);
  return errorReply(status, errorType);
}

/** Aborts when the client hangs up before it has been answered. */
function clientGone(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => controller.abort());
  return controller.signal;
}

export class EmulatorServer {
  readonly http: Server;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Set by listen(): the Host and Origin a request must name. */
  private own: OwnAddress | null = null;

  constructor(private readonly ctx: EmulatorContext) {
    this.http = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        ctx.log(`internal error: ${error instanceof Error ? error.message : String(error)}`);
        send(res, errorReply(500, 'internal_server_error'));
      });
    });
    this.http.on('clientError', (_error, socket) => {
      // Malformed HTTP: answer in Stytch's shape when the socket still can, then hang up.
      if (socket.writable) {
        const body = JSON.stringify(bodyFor(new StytchApiError('bad_request')));
        socket.end(`HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
      } else {
        socket.destroy();
      }
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://emulator.invalid');
    } catch {
      send(res, errorReply(400, 'bad_request'));
      return;
    }
    // Before anything is counted or read: a rebinding page learns nothing, not even timing.
    const refusal = this.own === null ? 'not listening' : requestRefusal(req.headers, this.own);
    if (refusal !== null) {
      send(res, errorReply(403, 'forbidden_host', refusal));
      return;
    }
    const path = url.pathname;
    this.ctx.countRequest(path);

    const fault = this.ctx.faults.take(path);
    if (fault) {
      if (fault.hang && (await this.ctx.faults.hold(path, clientGone(res))) === 'abandoned') return;
      if (fault.delay_ms) await this.sleep(fault.delay_ms);
      if (fault.drop) {
        req.socket.destroy();
        return;
      }
      if (fault.status !== undefined || fault.error_type !== undefined) {
        send(res, faultReply(fault));
        return;
      }
    }
    send(res, await this.route(req, method, path, url.searchParams));
  }

  private async route(req: IncomingMessage, method: string, path: string, query: URLSearchParams): Promise<Reply> {
    const ctx = this.ctx;
    const page = inboxReply(method, path);
    if (page) return page;
    if (path.startsWith(ADMIN_PREFIX)) {
      const raw = await readBody(req);
      try {
        return await adminReply(ctx, method, path.slice(ADMIN_PREFIX.length), query, parseJsonBody(raw));
      } catch (error) {
        if (error instanceof StytchApiError) return jsonReply(error.status, bodyFor(error));
        throw error;
      }
    }
    if (method === 'GET' && path === '/v1/magic_links/redirect') return redirectReply(ctx, query);
    const match = matchRoute(method, path);
    if (!match) return errorReply(404, 'route_not_found', `No route for ${method} ${path}.`);
    if (!checkAuth(ctx, match.route, req.headers.authorization)) return errorReply(401, 'unauthorized_credentials');
    return dispatch(ctx, match, query, await readBody(req));
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => {
        this.http.off('error', reject);
        const address = this.http.address();
        if (address === null || typeof address === 'string') {
          reject(new Error('server has no TCP address'));
          return;
        }
        this.own = { port: address.port, bindHost: host };
        resolve(address.port);
      });
    });
  }

  close(): Promise<void> {
    // Held requests end unanswered: their sockets close below.
    this.ctx.faults.release('abandoned');
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    return new Promise((resolve) => {
      this.http.close(() => resolve());
      this.http.closeAllConnections();
    });
  }
}
