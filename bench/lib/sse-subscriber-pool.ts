import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

export type Received = Array<{ ids: number[]; times: number[] }>;

/**
 * SseSubscribers spread over reader threads (BENCH_SSE_READERS, default: one per core). At
 * 10,000 streams one thread reading every socket is the bottleneck of the measurement itself:
 * its backlog, not the server's, sets the tail latency. Arrival times are wall-clock
 * milliseconds (performance.timeOrigin + now()), comparable across threads.
 */
export class SseSubscriberPool {
  failed = 0;
  private readonly workers: Worker[];

  constructor(url: string, headers: Record<string, string>, threads: number) {
    const entry = new URL('./sse-subscriber-thread.js', import.meta.url);
    this.workers = Array.from({ length: threads }, () => new Worker(entry, { workerData: { url, headers } }));
  }

  async open(count: number): Promise<void> {
    const shares = this.workers.map((_, index) => Math.floor(count / this.workers.length) + (index < count % this.workers.length ? 1 : 0));
    const answers = await Promise.all(this.workers.map((worker, index) => this.ask<{ failed: number }>(worker, { kind: 'open', count: shares[index] })));
    this.failed = answers.reduce((sum, answer) => sum + answer.failed, 0);
  }

  /** Streams cut off by the server so far. */
  async dropped(): Promise<number> {
    const answers = await Promise.all(this.workers.map((worker) => this.ask<{ dropped: number }>(worker, { kind: 'dropped' })));
    return answers.reduce((sum, answer) => sum + answer.dropped, 0);
  }

  /** Closes every stream and returns what each received. */
  async close(): Promise<Received> {
    const answers = await Promise.all(this.workers.map((worker) => this.ask<{ received: Received }>(worker, { kind: 'close' })));
    await Promise.all(this.workers.map((worker) => worker.terminate()));
    return answers.flatMap((answer) => answer.received);
  }

  private async ask<T>(worker: Worker, command: object): Promise<T> {
    const reply = once(worker, 'message') as Promise<[T]>;
    worker.postMessage(command);
    return (await reply)[0];
  }
}
