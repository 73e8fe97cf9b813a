import type { CoalescedItem, CoalescedReply, Product, ServiceReply } from '@gerbang/contracts';
import { MESSAGE_HEADERS } from '@gerbang/contracts';
import type { NatsRequester, RequestOutcome } from '@gerbang/runtime';
import { coalescedBatchSize } from './http-metrics.js';

/** Most requests one coalesced message carries. */
const MAX_ITEMS = 256;
/** Most body bytes one coalesced message carries: far below NATS's default 1 MiB payload limit. */
const MAX_BYTES = 256 * 1024;

interface Pending {
  item: CoalescedItem;
  resolve: (outcome: RequestOutcome<ServiceReply>) => void;
}

interface Queue {
  product: Product;
  pending: Pending[];
  bytes: number;
}

/**
 * Sends the requests to one coalesced subject that arrive in the same event-loop turn as
 * one NATS message (CoalescedRequest), then hands each caller its own outcome. Under load a
 * round trip and a handler dispatch carry many requests; a lone request waits one turn.
 */
export class RequestCoalescer {
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly requester: NatsRequester,
    private readonly timeoutMs: number,
  ) {}

  /** `bodyBytes`: the request body's length, so one message never grows past MAX_BYTES. */
  request(subject: string, product: Product, bodyBytes: number, item: CoalescedItem): Promise<RequestOutcome<ServiceReply>> {
    return new Promise((resolve) => {
      let queue = this.queues.get(subject);
      if (queue && queue.bytes + bodyBytes > MAX_BYTES) {
        this.flush(subject, queue);
        queue = undefined;
      }
      if (!queue) {
        const fresh: Queue = { product, pending: [], bytes: 0 };
        this.queues.set(subject, fresh);
        setImmediate(() => this.flush(subject, fresh));
        queue = fresh;
      }
      queue.pending.push({ item, resolve });
      queue.bytes += bodyBytes;
      if (queue.pending.length >= MAX_ITEMS) this.flush(subject, queue);
    });
  }

  private flush(subject: string, queue: Queue): void {
    if (this.queues.get(subject) !== queue) return; // already sent because it was full
    this.queues.delete(subject);
    void this.send(subject, queue);
  }

  private async send(subject: string, queue: Queue): Promise<void> {
    const { pending } = queue;
    coalescedBatchSize.observe({ subject }, pending.length);
    const outcome = await this.requester.request<CoalescedReply>(
      subject,
      { items: pending.map((entry) => entry.item) },
      { timeoutMs: this.timeoutMs, headers: { [MESSAGE_HEADERS.realm]: queue.product } },
    );
    if (!outcome.ok) {
      for (const entry of pending) entry.resolve(outcome);
      return;
    }
    const outcomes = outcome.value?.outcomes;
    pending.forEach((entry, index) => {
      const answer = outcomes?.[index];
      if (answer === undefined) entry.resolve({ ok: false, error: { code: 'internal', message: 'Internal server error' } });
      else if ('error' in answer) entry.resolve({ ok: false, error: answer.error });
      else entry.resolve({ ok: true, value: answer.reply });
    });
  }
}
