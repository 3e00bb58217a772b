// One relay call has one deadline for all of it (AbortSignal.timeout): a relay that never
// answers, or sends headers and then stalls the body, ends as `timeout` within it; a relay
// that hangs up is `offline`, not a timeout; a prompt answer is unaffected.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRelayHttp, type RelayHttp } from '../../../main/relay/relay-http';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const TIMEOUT_MS = 300;

let server: Server | undefined;
let http: RelayHttp | undefined;
const stalled = new Set<ServerResponse>();

async function relayAnswering(answer: (res: ServerResponse) => void): Promise<RelayHttp> {
  server = createServer((_req, res) => answer(res));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  http = createRelayHttp({ relayUrl: `http://127.0.0.1:${String(port)}/`, timeoutMs: TIMEOUT_MS, logger: silent });
  return http;
}

afterEach(async () => {
  for (const res of stalled) res.destroy();
  stalled.clear();
  await http?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = http = undefined;
});

const ping = (relay: RelayHttp) => relay.call('ping', { method: 'GET', path: '/ping' }, z.object({ ok: z.boolean() }));

describe('relay call deadline', () => {
  it('answers a prompt relay', async () => {
    const relay = await relayAnswering((res) => res.setHeader('content-type', 'application/json').end('{"ok":true}'));
    expect(await ping(relay)).toEqual({ ok: true, value: { ok: true } });
  });

  it('ends a relay that never answers as timeout, naming the deadline', async () => {
    const relay = await relayAnswering((res) => stalled.add(res));
    expect(await ping(relay)).toEqual({ ok: false, failure: { code: 'timeout', detail: `the relay did not answer within ${String(TIMEOUT_MS)} ms` } });
  });

  it('ends a relay that sends headers and stalls the body as timeout', async () => {
    const relay = await relayAnswering((res) => {
      stalled.add(res);
      res.writeHead(200, { 'content-type': 'application/json' }).write('{"ok":');
    });
    expect(await ping(relay)).toMatchObject({ ok: false, failure: { code: 'timeout' } });
  });

  it('calls a relay that hangs up offline, not a timeout', async () => {
    const relay = await relayAnswering((res) => res.socket?.destroy());
    expect(await ping(relay)).toMatchObject({ ok: false, failure: { code: 'offline' } });
  });
});
