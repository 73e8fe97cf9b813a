import { createServer } from 'node:http';

/**
 * The baseline the benchmarks compare against: a bare Node HTTP server on the same machine
 * that reads and parses the JSON body and answers a small JSON reply, with no framework,
 * no auth, no NATS and no database. Run as its own process so it has a core like the fleet.
 */
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    let stored: boolean;
    try {
      stored = typeof JSON.parse(Buffer.concat(chunks).toString('utf8')) === 'object';
    } catch {
      stored = false;
    }
    const body = JSON.stringify({ success: stored, data: { stored }, timestamp: Math.floor(Date.now() / 1000) });
    response.writeHead(stored ? 200 : 400, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : ''}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
