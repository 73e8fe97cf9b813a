import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { runLoad, type LoadOptions } from './http-load.js';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

const servers: Server[] = [];

async function serve(handler: Handler): Promise<string> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handler(request, Buffer.concat(chunks).toString('utf8'), response));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/ingest?x=1`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const options = (url: string, overrides: Partial<LoadOptions> = {}): LoadOptions => ({
  url,
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-api-key': 'k' },
  bodies: ['{"n":1}', '{"n":2}', '{"n":3}'],
  connections: 4,
  amount: 30,
  timeoutMs: 5_000,
  ...overrides,
});

function json(response: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ success: status < 300 });
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  response.end(body);
}

describe('runLoad', () => {
  it('sends exactly `amount` requests with the bodies in turn, and counts answers by class', async () => {
    const seen: string[] = [];
    let connections = 0;
    const url = await serve((request, body, response) => {
      seen.push(`${request.method} ${request.url} ${request.headers['x-api-key']} ${body}`);
      json(response, body === '{"n":3}' ? 422 : 200);
    });
    servers[0]?.on('connection', () => (connections += 1));
    const result = await runLoad(options(url));
    expect(seen).toHaveLength(30);
    expect(new Set(seen)).toEqual(new Set(['POST /ingest?x=1 k {"n":1}', 'POST /ingest?x=1 k {"n":2}', 'POST /ingest?x=1 k {"n":3}']));
    expect(seen.filter((line) => line.endsWith('{"n":3}'))).toHaveLength(10);
    expect(result).toMatchObject({ ok: 20, non2xx: 10, errors: 0, timeouts: 0, measuredOk: 20 });
    expect(connections).toBe(4);
    expect(result.latencies).toHaveLength(30);
    expect([...result.latencies]).toEqual([...result.latencies].sort((a, b) => a - b));
    expect(result.elapsedMs).toBeGreaterThan(0);
  });

  it('leaves the warm-up requests out of the latencies and the measured count, not out of the totals', async () => {
    let requests = 0;
    let connections = 0;
    const url = await serve((_request, _body, response) => {
      requests += 1;
      json(response, 200);
    });
    servers[0]?.on('connection', () => (connections += 1));
    const result = await runLoad(options(url, { amount: 10, warmup: 8 }));
    expect(requests).toBe(18);
    expect(connections).toBe(4); // the measured requests go on the warm-up's connections
    expect(result).toMatchObject({ ok: 18, measuredOk: 10, errors: 0 });
    expect(result.latencies).toHaveLength(10);
  });

  it('opens a new connection when the server closes one, and still sends every request', async () => {
    let connections = 0;
    const url = await serve((_request, _body, response) => json(response, 200, { connection: 'close' }));
    servers[0]?.on('connection', () => (connections += 1));
    const result = await runLoad(options(url, { amount: 12, connections: 2 }));
    expect(result).toMatchObject({ ok: 12, non2xx: 0, errors: 0, timeouts: 0 });
    expect(connections).toBe(12);
  });

  it('ends with every request an error when nothing listens', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createTcpServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const result = await runLoad(options(`http://127.0.0.1:${closedPort}/`, { amount: 5, connections: 2 }));
    expect(result).toMatchObject({ ok: 0, errors: 5, timeouts: 0 });
    expect(result.latencies).toHaveLength(0);
  });

  it('counts a request left unanswered as a timeout and goes on', async () => {
    let calls = 0;
    const url = await serve((_request, _body, response) => {
      calls += 1;
      if (calls !== 2) json(response, 200); // the second request never gets an answer
    });
    const result = await runLoad(options(url, { amount: 6, connections: 1, timeoutMs: 200 }));
    expect(result).toMatchObject({ ok: 5, timeouts: 1, errors: 0 });
  });

  it('counts a response without Content-Length as an error rather than guessing its end', async () => {
    const url = await serve((_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }); // chunked
      response.end('{}');
    });
    const result = await runLoad(options(url, { amount: 3, connections: 1 }));
    expect(result).toMatchObject({ ok: 0, errors: 3 });
  });
});
