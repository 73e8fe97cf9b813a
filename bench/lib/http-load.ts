import { connect, type Socket } from 'node:net';

/**
 * The load generator of bench:ingest: keep-alive HTTP/1.1 connections, one request in flight
 * on each, sending exactly `warmup` + `amount` requests. It shares the two cores with what it measures,
 * so it does as little per request as it can: every request is built once as bytes, and a
 * response is read by its status line and Content-Length. In interleaved runs against the
 * bare baseline server it spent 0.025-0.03 ms of CPU per request, autocannon 0.03-0.044 and
 * undici's Pool 0.05-0.08; inside the fleet run autocannon took 0.05-0.07 ms per event.
 */
export interface LoadOptions {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** Request bodies, sent in turn. */
  bodies: readonly string[];
  connections: number;
  /** Requests measured. */
  amount: number;
  /**
   * Requests sent first on the same connections and left out of the latencies and the rate
   * (still in the counts): a closed-loop client whose connections all start in the same
   * instant sends in lockstep waves until they drift apart, for the first few hundred ms.
   */
  warmup?: number;
  /** A request without an answer after this long counts as a timeout and its connection is replaced. */
  timeoutMs: number;
}

export interface LoadResult {
  /** Responses by class, warm-up included. */
  ok: number;
  non2xx: number;
  /** Connection failures and malformed responses. */
  errors: number;
  timeouts: number;
  /** Measured requests answered with a 2xx. */
  measuredOk: number;
  /** Latency of every measured request answered, ms, ascending. */
  latencies: Float64Array;
  /** From the first measured request sent to the last answer, ms. */
  elapsedMs: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\ncontent-length: *(\d+)/i;
const CLOSE = /\r\nconnection: *close/i;
/** A response head larger than this is malformed for this client. */
const MAX_HEAD_BYTES = 16 * 1024;

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.url);
  if (target.protocol !== 'http:') throw new Error(`the load generator speaks plain HTTP only, not ${target.protocol}`);
  const port = Number(target.port || 80);
  const requests = options.bodies.map((body) => {
    const payload = Buffer.from(body, 'utf8');
    const head = [
      `${options.method} ${target.pathname}${target.search} HTTP/1.1`,
      `host: ${target.host}`,
      ...Object.entries(options.headers).map(([name, value]) => `${name}: ${value}`),
      `content-length: ${payload.length}`,
      '',
      '',
    ].join('\r\n');
    return Buffer.concat([Buffer.from(head, 'latin1'), payload]);
  });

  const warmup = options.warmup ?? 0;
  const total = warmup + options.amount;
  const latencies = new Float64Array(options.amount);
  const result = { ok: 0, non2xx: 0, errors: 0, timeouts: 0, measuredOk: 0 };
  let sent = 0;
  let answered = 0;
  let measuredAnswered = 0;
  let firstMeasuredAt = 0;
  let lastAnsweredAt = 0;

  return new Promise((resolve) => {
    const connections = new Set<Connection>();
    let finished = false;
    const finishIfDone = () => {
      if (finished || answered + result.errors + result.timeouts < total) return;
      finished = true;
      clearInterval(watchdog);
      for (const connection of connections) connection.socket.destroy();
      resolve({ ...result, latencies: latencies.subarray(0, measuredAnswered).sort(), elapsedMs: Math.max(0, lastAnsweredAt - firstMeasuredAt) });
    };

    class Connection {
      readonly socket: Socket;
      private pending: Buffer | null = null;
      private connected = false;
      /** When the request in flight was sent; 0 when none is. */
      sentAt = 0;
      /** Whether the request in flight is measured (not warm-up). */
      private measured = false;

      constructor() {
        this.socket = connect({ host: target.hostname, port, noDelay: true });
        connections.add(this);
        this.socket.on('connect', () => {
          this.connected = true;
          this.sendNext();
        });
        this.socket.on('data', (chunk: Buffer) => this.read(chunk));
        this.socket.on('error', () => undefined); // 'close' follows and accounts for it
        this.socket.on('close', () => this.closed());
      }

      private sendNext(): void {
        if (sent >= total) {
          this.socket.end();
          return;
        }
        const request = requests[sent % requests.length] as Buffer;
        this.measured = sent >= warmup;
        sent += 1;
        this.sentAt = performance.now();
        if (this.measured && firstMeasuredAt === 0) firstMeasuredAt = this.sentAt;
        this.socket.write(request);
      }

      private read(chunk: Buffer): void {
        const data = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
        const headEnd = data.indexOf(HEADER_END);
        if (headEnd < 0) {
          if (data.length > MAX_HEAD_BYTES) this.fail();
          else this.pending = data;
          return;
        }
        const head = data.toString('latin1', 0, headEnd);
        const length = CONTENT_LENGTH.exec(head);
        const status = Number(head.slice(9, 12));
        if (!head.startsWith('HTTP/1.1 ') || !length || !Number.isInteger(status)) {
          this.fail(); // chunked or malformed: not what the services answer
          return;
        }
        const end = headEnd + HEADER_END.length + Number(length[1]);
        if (data.length < end) {
          this.pending = data;
          return;
        }
        if (data.length > end) {
          this.fail(); // bytes nobody asked for
          return;
        }
        this.pending = null;
        lastAnsweredAt = performance.now();
        answered += 1;
        const ok = status >= 200 && status < 300;
        if (this.measured) {
          latencies[measuredAnswered] = lastAnsweredAt - this.sentAt;
          measuredAnswered += 1;
          if (ok) result.measuredOk += 1;
        }
        this.sentAt = 0;
        if (ok) result.ok += 1;
        else result.non2xx += 1;
        if (CLOSE.test(head)) this.socket.end();
        else this.sendNext();
        finishIfDone();
      }

      /** The request in flight, if any, failed; the connection is replaced. */
      fail(kind: 'errors' | 'timeouts' = 'errors'): void {
        if (this.sentAt !== 0) {
          result[kind] += 1;
          this.sentAt = 0;
        }
        this.socket.destroy();
      }

      private closed(): void {
        connections.delete(this);
        if (this.sentAt !== 0) {
          result.errors += 1;
          this.sentAt = 0;
        } else if (!this.connected && sent < total) {
          // A connection refused costs one request, so a server that is down ends the run.
          sent += 1;
          result.errors += 1;
        }
        finishIfDone();
        // Requests are left to send: a new connection carries on (also after "connection: close").
        if (!finished && sent < total) new Connection();
      }
    }

    // One timer for all connections instead of one per request.
    const watchdog = setInterval(
      () => {
        const now = performance.now();
        for (const connection of connections) if (connection.sentAt !== 0 && now - connection.sentAt > options.timeoutMs) connection.fail('timeouts');
      },
      Math.min(1_000, options.timeoutMs),
    );
    for (let index = 0; index < Math.min(options.connections, total); index += 1) new Connection();
  });
}
