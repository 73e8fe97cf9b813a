import { request } from 'node:http';
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json<T = unknown>(): T;
}

/**
 * An HTTP request with full control of the headers, Host included (fetch forbids setting
 * Host), for tests of host-based routing.
 */
export function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const outgoing = request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body, json: <T>() => JSON.parse(body) as T });
        });
      },
    );
    outgoing.on('error', reject);
    if (options.body !== undefined) outgoing.write(options.body);
    outgoing.end();
  });
}

/**
 * Requests sent in one write on one keep-alive connection (HTTP/1.1 pipelining), answered in
 * order: they reach the server in the same read, for tests of what it does with requests
 * that arrive together. Responses must carry Content-Length.
 */
export function pipelinedRequests(
  url: string,
  requests: Array<{ method: string; path: string; headers?: Record<string, string>; body?: string }>,
): Promise<RawResponse[]> {
  const target = new URL(url);
  const wire = requests
    .map(({ method, path, headers = {}, body = '' }) => {
      const lines = [`${method} ${path} HTTP/1.1`, `host: ${target.host}`, `content-length: ${Buffer.byteLength(body)}`];
      for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
      return `${lines.join('\r\n')}\r\n\r\n${body}`;
    })
    .join('');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(target.port), target.hostname, () => socket.write(wire));
    const responses: RawResponse[] = [];
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const headEnd = pending.indexOf('\r\n\r\n');
        if (headEnd < 0) return;
        const head = pending.subarray(0, headEnd).toString('latin1').split('\r\n');
        const headers: Record<string, string> = {};
        for (const line of head.slice(1)) {
          const colon = line.indexOf(':');
          headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
        }
        const length = Number(headers['content-length']);
        if (!Number.isInteger(length)) return reject(new Error(`pipelined response without Content-Length: ${head[0]}`));
        if (pending.length < headEnd + 4 + length) return;
        const body = pending.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8');
        pending = pending.subarray(headEnd + 4 + length);
        responses.push({ status: Number(head[0]?.split(' ')[1]), headers, body, json: <T>() => JSON.parse(body) as T });
        if (responses.length === requests.length) {
          socket.end();
          return resolve(responses);
        }
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`connection closed after ${responses.length} of ${requests.length} responses`)));
  });
}

/** Logs in to the retribusi realm through the gateway as the document shows; resolves to the access token. */
export async function retribusiLogin(gatewayUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${gatewayUrl}/auth/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`login of ${username} answered ${response.status}`);
  return ((await response.json()) as { data: { token: string } }).data.token;
}
