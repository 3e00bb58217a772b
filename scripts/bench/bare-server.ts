// The floor for the relay benchmark: a loopback HTTP server in its own process (as the relay
// is) that does nothing but answer a small JSON body.
import { createServer } from 'node:http';

const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`Bare server listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGINT', () => server.close(() => process.exit(0)));
