import { createServer, type ServerResponse } from 'node:http';

/**
 * The baseline the benchmarks compare against, a bare Node HTTP server on the same machine
 * with no framework, no auth, no NATS and no database, run as its own process:
 * - POST / reads and parses the JSON body and answers a small JSON reply (bench:ingest);
 * - GET /sse holds an event stream and POST /publish writes one `event: ingest` frame to
 *   every held stream before answering (bench:sse).
 */
const streams = new Set<ServerResponse>();
let lastId = 0;

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url?.startsWith('/sse')) {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    response.write(': ok\n\n');
    streams.add(response);
    request.on('close', () => streams.delete(response));
    return;
  }
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    let stored: boolean;
    try {
      stored = typeof JSON.parse(Buffer.concat(chunks).toString('utf8')) === 'object';
    } catch {
      stored = false;
    }
    if (stored && request.url === '/publish') {
      lastId += 1;
      const frame = `id: ${lastId}\nevent: ingest\ndata: ${Buffer.concat(chunks).toString('utf8')}\n\n`;
      for (const stream of streams) stream.write(frame);
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
