import { request, type ClientRequest } from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * Many SSE connections held by one process, parsed just enough to see each `ingest` frame's
 * id and when it arrived. Kept lean on purpose: at 10,000 connections the client shares the
 * machine with the server it measures.
 */
export class SseSubscribers {
  /** Per connection: ids received and their arrival times (performance.now()). */
  readonly received: Array<{ ids: number[]; times: number[] }> = [];
  private readonly requests: ClientRequest[] = [];
  /** Connections that ended or failed while the benchmark still wanted them. */
  dropped = 0;
  failed = 0;
  private closing = false;

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string>,
  ) {}

  /** Opens `count` connections, `parallel` at a time; resolves when each got its response headers. */
  async open(count: number, parallel = 200): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < count) {
        next += 1;
        await this.openOne();
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  }

  private openOne(): Promise<void> {
    const slot = { ids: [] as number[], times: [] as number[] };
    this.received.push(slot);
    return new Promise((resolve) => {
      const target = new URL(this.url);
      const outgoing = request(
        {
          host: target.hostname,
          port: target.port,
          path: `${target.pathname}${target.search}`,
          headers: { accept: 'text/event-stream', ...this.headers },
          agent: false,
        },
        (incoming) => {
          if (incoming.statusCode !== 200) {
            this.failed += 1;
            incoming.resume();
            resolve();
            return;
          }
          incoming.setEncoding('utf8');
          let pending = '';
          incoming.on('data', (chunk: string) => {
            const now = performance.now();
            pending += chunk;
            const end = pending.lastIndexOf('\n\n');
            if (end < 0) return;
            const complete = pending.slice(0, end);
            pending = pending.slice(end + 2);
            for (const frame of complete.split('\n\n')) {
              if (!frame.includes('event: ingest')) continue;
              const match = /^id: (\d+)$/m.exec(frame);
              if (!match) continue;
              slot.ids.push(Number(match[1]));
              slot.times.push(now);
            }
          });
          incoming.on('close', () => {
            if (!this.closing) this.dropped += 1;
          });
          resolve();
        },
      );
      outgoing.on('error', () => {
        if (!this.closing) this.failed += 1;
        resolve();
      });
      outgoing.end();
      this.requests.push(outgoing);
    });
  }

  close(): void {
    this.closing = true;
    for (const outgoing of this.requests) outgoing.destroy();
    this.requests.length = 0;
  }
}
