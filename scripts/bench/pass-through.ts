// A second floor for the relay benchmark: the least any relay can add. A loopback server in
// its own process that passes each request to the upstream (the emulator) with undici and
// streams the answer back: no framework, validation, limits, logging or projection.
import { createServer } from 'node:http';
import { Agent, request } from 'undici';

const upstream = process.env['PASS_THROUGH_UPSTREAM'] ?? '';
const agent = new Agent();

const server = createServer((incoming, outgoing) => {
  const chunks: Buffer[] = [];
  incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
  incoming.on('end', () => {
    request(`${upstream}${incoming.url ?? '/'}`, {
      method: incoming.method as 'POST',
      headers: { 'content-type': 'application/json', authorization: incoming.headers.authorization ?? '' },
      body: Buffer.concat(chunks),
      dispatcher: agent,
    }).then(
      async (answer) => {
        const body = await answer.body.text();
        outgoing.writeHead(answer.statusCode, { 'content-type': 'application/json' }).end(body);
      },
      () => outgoing.writeHead(502).end('{}'),
    );
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`Pass-through listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGINT', () => server.close(() => process.exit(0)));
