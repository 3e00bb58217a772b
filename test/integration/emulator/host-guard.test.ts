// DNS rebinding: a web page whose own domain resolves to 127.0.0.1 must not read the dev
// inbox. Real HTTP requests with the headers a browser would send: the attacker's are
// refused before anything is counted; the SDK, the inbox page and its script still work.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../emulator/index';
import { exposureWarning, isLoopbackBind, requestRefusal } from '../../../emulator/host-guard';
import { sdkClient, start } from './harness';

let emulator: RunningEmulator;
let port: number;
beforeAll(async () => {
  ({ emulator } = await start());
  port = Number(new URL(emulator.url).port);
});
afterAll(() => emulator.close());

/**
 * One raw request with exactly these headers (fetch would not let a test set Host); 'PORT'
 * in a header stands for the emulator's port, known only once it listens.
 */
function raw(method: string, path: string, given: Record<string, string>): Promise<{ status: number; body: string }> {
  const headers = Object.fromEntries(Object.entries(given).map(([name, value]) => [name, value.replace('PORT', String(port))]));
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('emulator host guard: the attacker', () => {
  it.each([
    ['a rebound domain in Host', { host: 'evil.example:PORT' }],
    ['a rebound domain on the default port', { host: 'evil.example' }],
    ['loopback with another port', { host: '127.0.0.1:1' }],
    ['a page of another origin', { host: '127.0.0.1:PORT', origin: 'https://evil.example' }],
    ['a sandboxed or file:// page', { host: '127.0.0.1:PORT', origin: 'null' }],
    ['another local port (another dev server)', { host: '127.0.0.1:PORT', origin: 'http://127.0.0.1:5173' }],
  ])('%s: refused with 403, the outbox never read', async (_label, headers) => {
    const outboxReads = emulator.requestCount('/__emulator/outbox');
    const answer = await raw('GET', '/__emulator/outbox', headers);
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ error_type: 'forbidden_host' });
    expect(emulator.requestCount('/__emulator/outbox')).toBe(outboxReads);
  });

  it('also guards the inbox page and the Stytch API', async () => {
    expect((await raw('GET', '/inbox', { host: 'evil.example:PORT' })).status).toBe(403);
    expect((await raw('POST', '/v1/magic_links/email/login_or_create', { host: 'rebind.example:PORT' })).status).toBe(403);
  });
});

describe('emulator host guard: innocent callers', () => {
  it('the SDK (Host 127.0.0.1, no Origin) still sends and reads links', async () => {
    const client = sdkClient(emulator);
    await client.magicLinks.email.loginOrCreate({ email: 'innocent@example.com' });
    expect(emulator.latestMessage('innocent@example.com')).toBeDefined();
  });

  it.each(['127.0.0.1:PORT', 'localhost:PORT', '[::1]:PORT', '127.0.0.2:PORT'])('Host %s is served', async (host) => {
    expect((await raw('GET', '/inbox', { host })).status).toBe(200);
  });

  it("the inbox page's own script (same-origin Origin) can read and clear the outbox", async () => {
    const own = { host: '127.0.0.1:PORT', origin: 'http://127.0.0.1:PORT' };
    expect((await raw('GET', '/__emulator/outbox', own)).status).toBe(200);
    expect((await raw('GET', '/__emulator/outbox', { host: 'localhost:PORT', origin: 'http://localhost:PORT' })).status).toBe(200);
  });
});

describe('emulator host guard: rules', () => {
  it('serves the exact address it was told to bind, never a name, and no wildcard', () => {
    expect(requestRefusal({ host: '192.168.1.20:4578' }, { port: 4578, bindHost: '192.168.1.20' })).toBeNull();
    expect(requestRefusal({ host: 'evil.example:4578' }, { port: 4578, bindHost: '192.168.1.20' })).not.toBeNull();
    expect(requestRefusal({ host: '0.0.0.0:4578' }, { port: 4578, bindHost: '0.0.0.0' })).not.toBeNull();
    expect(requestRefusal({}, { port: 4578, bindHost: '127.0.0.1' })).not.toBeNull();
    expect(requestRefusal({ host: 'user@127.0.0.1:4578' }, { port: 4578, bindHost: '127.0.0.1' })).not.toBeNull();
  });

  it('warns when bound outside loopback, and only then', () => {
    expect(isLoopbackBind('127.0.0.1')).toBe(true);
    expect(isLoopbackBind('::1')).toBe(true);
    expect(isLoopbackBind('localhost')).toBe(true);
    expect(exposureWarning('127.0.0.1')).toBeNull();
    expect(exposureWarning('0.0.0.0')).toMatch(/^warning: bound to 0\.0\.0\.0, which other machines can reach/);
    expect(exposureWarning('192.168.1.20')).not.toBeNull();
  });
});
