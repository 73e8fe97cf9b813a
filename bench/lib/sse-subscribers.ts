import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * Many SSE connections held by one process, read just enough to see each `ingest` frame's id
 * and when it arrived. At 10,000 connections the client shares the machine with the server
 * it measures, so it skips the HTTP client stack and even the socket's stream: a raw socket
 * read into one shared buffer (`onread`), one GET, and a scan of the bytes for
 * `id: N\nevent: ingest` (each frame is one write on the server, so a frame is never split by
 * chunked framing; a short tail is carried over between reads).
 */
const READ_BUFFER = Buffer.alloc(64 * 1024);

/** Milliseconds since the epoch with performance.now()'s resolution; the same clock in every thread. */
export const wallClock = (): number => performance.timeOrigin + performance.now();

export class SseSubscribers {
  /** Per connection: ids received and their arrival times (wall-clock ms, see wallClock). */
  readonly received: Array<{ ids: number[]; times: number[] }> = [];
  private readonly sockets: Socket[] = [];
  /** Connections that ended while the benchmark still wanted them. */
  dropped = 0;
  /** Connections refused (no 200) or that failed to connect. */
  failed = 0;
  private closing = false;

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string>,
  ) {}

  /** Opens `count` connections, `parallel` at a time; resolves when each got its status line. */
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
    const target = new URL(this.url);
    const head = [
      `GET ${target.pathname}${target.search} HTTP/1.1`,
      `Host: ${target.host}`,
      'Accept: text/event-stream',
      ...Object.entries(this.headers).map(([name, value]) => `${name}: ${value}`),
      '',
      '',
    ].join('\r\n');
    return new Promise((resolve) => {
      let answered = false;
      let refused = false;
      let tail = '';
      const frame = /id: (\d+)\nevent: ingest\n/g;
      const read = (length: number, buffer: Uint8Array): boolean => {
        const now = wallClock();
        const text = tail + Buffer.from(buffer.buffer, buffer.byteOffset, length).toString('latin1');
        if (!answered) {
          answered = true;
          if (!text.startsWith('HTTP/1.1 200')) {
            refused = true;
            this.failed += 1;
            socket.destroy();
          }
          resolve();
        }
        frame.lastIndex = 0;
        let match: RegExpExecArray | null;
        let consumed = 0;
        while ((match = frame.exec(text)) !== null) {
          slot.ids.push(Number(match[1]));
          slot.times.push(now);
          consumed = frame.lastIndex;
        }
        // Keep only what could be the start of a frame cut by this read.
        const rest = text.slice(consumed);
        tail = rest.length > 64 ? rest.slice(-64) : rest;
        return true;
      };
      // Every read lands in the one shared buffer and is parsed before the next: no Buffer per read.
      const socket = connect({ host: target.hostname, port: Number(target.port), onread: { buffer: READ_BUFFER, callback: read } });
      this.sockets.push(socket);
      socket.once('connect', () => socket.write(head));
      socket.on('close', () => {
        if (!answered) {
          this.failed += 1;
          resolve();
        } else if (!this.closing && !refused) this.dropped += 1;
      });
      socket.on('error', () => undefined);
    });
  }

  close(): void {
    this.closing = true;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.length = 0;
  }
}
