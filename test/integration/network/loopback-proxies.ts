// Real proxies on loopback for the network tests: a tunnelling HTTP proxy (the `proxy`
// package, optionally asking for a password) and a TLS-inspecting one that ends TLS with a
// certificate from a "company" CA and forwards the decrypted request, as such products do.
import { once } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import tls from 'node:tls';
import { createProxy } from 'proxy';
import type { Leaf } from './test-pki';

export interface LoopbackServer {
  port: number;
  /** CONNECT requests seen (a tunnel or an inspected connection each). */
  connects: string[];
  close: () => Promise<void>;
}

async function listen(server: http.Server, connects: string[]): Promise<LoopbackServer> {
  server.prependListener('connect', (req: http.IncomingMessage) => connects.push(req.url ?? ''));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    connects,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function startTunnelProxy(options: { password?: string } = {}): Promise<LoopbackServer> {
  const server = createProxy(http.createServer());
  const { password } = options;
  if (password !== undefined) {
    const expected = `Basic ${Buffer.from(`staff:${password}`).toString('base64')}`;
    server.authenticate = (req) => req.headers['proxy-authorization'] === expected;
  }
  return listen(server, []);
}

export function startInspectingProxy(leaf: Leaf, upstreamCa: string): Promise<LoopbackServer> {
  const inner = http.createServer((req, res) => {
    const target = (req.socket as tls.TLSSocket & { target?: string }).target ?? '';
    const upstream = https.request(`https://${target}${req.url ?? '/'}`, { method: req.method, headers: req.headers, ca: upstreamCa }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-inspected-by': 'company-proxy' });
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  const server = http.createServer();
  server.on('connect', (req: http.IncomingMessage, socket: Socket) => {
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    const decrypted = new tls.TLSSocket(socket, { isServer: true, key: leaf.key, cert: leaf.cert }) as tls.TLSSocket & { target?: string };
    decrypted.target = req.url ?? '';
    decrypted.on('error', () => socket.destroy());
    inner.emit('connection', decrypted);
  });
  return listen(server, []);
}

export async function startHttpsServer(leaf: Leaf): Promise<LoopbackServer> {
  const server = https.createServer({ key: leaf.key, cert: leaf.cert }, (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ path: req.url, inspected: req.headers['x-inspected'] ?? null }));
  });
  return listen(server, []);
}
