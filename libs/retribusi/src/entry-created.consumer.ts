import 'reflect-metadata';
import { RETRIBUSI_CATEGORIES, RETRIBUSI_ENTRY_EVENTS_FILTER, RETRIBUSI_EVENTS_STREAM, RETRIBUSI_SUBJECTS, RetribusiEntryCreatedV1 } from '@gerbang/contracts';
import { AckPolicy, DeliverPolicy, JetStreamApiCodes, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Logger } from 'pino';
import { isApiError, type JetStreamConnection } from './jetstream.connection.js';

/** How long a failed batch waits before JetStream delivers it again. */
const RETRY_DELAY_MS = 2_000;
const MAX_ACK_PENDING = 10_000;
/**
 * Messages pulled ahead of the handler (a batch message holds up to 1,000 entries, ~250 KiB).
 * Counted in messages, not bytes: the client refills a byte-sized pull by the bytes it has
 * received, so after small messages its pulls were smaller than the next large one; the
 * server ended each with 409 "message size exceeds maxbytes" and the consumer stopped
 * pulling until two idle heartbeats were missed (30 s), while messages waited.
 */
const PULL_MESSAGES = 64;

/** A message that can never be processed (not JSON, or not the payload class): retrying cannot help. */
export class UnprocessableEventError extends Error {
  override name = 'UnprocessableEventError';
}

/**
 * The entries of one message on RETRIBUSI_ENTRY_EVENTS_FILTER: a lone entry
 * (`retribusi.entry.created.v1`) or the `entries` of a batch (`retribusi.entry.batch-created.v1`).
 * A message that is not JSON, or a batch without an entries array, is unprocessable as a
 * whole; an invalid entry inside a batch is left out (and reported) without costing the others.
 */
export function decodeEntryMessage(subject: string | undefined, data: string, onInvalid: (error: UnprocessableEventError) => void): RetribusiEntryCreatedV1[] {
  const plain = parseObject(data);
  if (subject !== RETRIBUSI_SUBJECTS.entriesCreated) return [toEntry(plain)];
  const entries = (plain as { entries?: unknown }).entries;
  if (!Array.isArray(entries)) throw new UnprocessableEventError('batch payload has no entries array');
  const valid: RetribusiEntryCreatedV1[] = [];
  for (const entry of entries) {
    try {
      valid.push(toEntry(entry));
    } catch (error) {
      onInvalid(error as UnprocessableEventError);
    }
  }
  return valid;
}

function parseObject(data: string): object {
  let plain: unknown;
  try {
    plain = JSON.parse(data);
  } catch {
    throw new UnprocessableEventError('payload is not JSON');
  }
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) throw new UnprocessableEventError('payload is not an object');
  return plain;
}

function toEntry(plain: unknown): RetribusiEntryCreatedV1 {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) throw new UnprocessableEventError('entry is not an object');
  const written = entryAsWritten(plain as Record<string, unknown>);
  if (written) return written;
  // Not in the outbox's own shape: class-validator decides, and names what is wrong.
  const event = plainToInstance(RetribusiEntryCreatedV1, plain);
  const errors = validateSync(event);
  if (errors.length > 0) throw new UnprocessableEventError(`invalid payload: ${errors.map((error) => error.property).join(', ')}`);
  return event;
}

const CATEGORIES: ReadonlySet<string> = new Set(RETRIBUSI_CATEGORIES);
/** Printable ASCII: what the outbox writes for codes, and never shorter for class-validator's Length than its UTF-16 length. */
const ASCII_CODE = /^[\x20-\x7e]{1,64}$/;
/** The outbox's createdAt (to_char 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), a strict subset of ISO 8601. */
const CREATED_AT = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,3})?Z$/;

/**
 * An entry exactly as the outbox writes it, checked by hand: class-transformer and
 * class-validator cost more than the rest of a consumer's work per entry, thousands of times
 * a second. It accepts only what RetribusiEntryCreatedV1's rules accept (entry-created.consumer
 * spec holds the two side by side); anything else is left to them.
 */
export function entryAsWritten(plain: Record<string, unknown>): RetribusiEntryCreatedV1 | undefined {
  const { entryId, locationCode, gateCode, category, eventTime, price, sourceIp, createdAt } = plain;
  if (!Number.isInteger(entryId) || (entryId as number) < 1) return undefined;
  if (typeof locationCode !== 'string' || !ASCII_CODE.test(locationCode)) return undefined;
  if (typeof gateCode !== 'string' || !ASCII_CODE.test(gateCode)) return undefined;
  if (typeof category !== 'string' || !CATEGORIES.has(category)) return undefined;
  if (!Number.isInteger(eventTime) || (eventTime as number) < 0) return undefined;
  if (!Number.isInteger(price) || (price as number) < 0) return undefined;
  if (sourceIp !== null && sourceIp !== undefined && typeof sourceIp !== 'string') return undefined;
  if (typeof createdAt !== 'string' || !CREATED_AT.test(createdAt)) return undefined;
  return Object.assign(new RetribusiEntryCreatedV1(), { entryId, locationCode, gateCode, category, eventTime, price, sourceIp: sourceIp ?? null, createdAt });
}

export interface EntryCreatedConsumerOptions {
  /** The durable consumer's name on RETRIBUSI_EVENTS; one per reader, never reused for another purpose. */
  durable: string;
  /** Most events handed to `store` at once (a larger batch message still goes whole). */
  batchSize: number;
  /** JetStream redelivers an event not acknowledged after this long. */
  ackWaitSeconds: number;
  /**
   * How long the first message of a batch waits for more before the batch is handed over
   * (default 0: only the messages that arrived in the same event-loop turn). A consumer whose
   * readers can wait a little gets fewer, larger transactions under load.
   */
  lingerMs?: number;
}

/**
 * Stores one batch of distinct entries (sorted by entryId) durably and idempotently: a
 * redelivered entry must change nothing twice. `messageKeys[i]` names the message that
 * carried `events[i]`: its lowest entry id, the same on every delivery of that message and
 * held by no other message (an entry is published in one message only), so a handler may
 * keep one mark per message instead of one per entry. Resolves once the batch is
 * committed; throwing asks JetStream to deliver the whole batch again.
 */
export type EntryBatchHandler = (events: RetribusiEntryCreatedV1[], messageKeys: number[]) => Promise<void>;

interface DecodedMessage {
  message: JsMsg;
  entries: RetribusiEntryCreatedV1[];
}

/**
 * A durable JetStream consumer of entry events (RETRIBUSI_ENTRY_EVENTS_FILTER: lone entries
 * and batches). Messages are decoded as they arrive and handed over by batch; a message is
 * acked only after the handler resolved for all its entries, and naked (redelivered later)
 * when it threw. A message that is not a valid payload is logged and terminated, never
 * retried. Replicas may share one durable consumer.
 */
export class EntryCreatedConsumer {
  private messages?: ConsumerMessages;
  private buffer: DecodedMessage[] = [];
  private flushing?: Promise<void>;

  constructor(
    private readonly jetStream: JetStreamConnection,
    private readonly options: EntryCreatedConsumerOptions,
    private readonly logger: Logger,
    private readonly store: EntryBatchHandler,
  ) {}

  async start(): Promise<void> {
    await this.ensureConsumer();
    const consumer = await this.jetStream.js.consumers.get(RETRIBUSI_EVENTS_STREAM.name, this.options.durable);
    this.messages = await consumer.consume({ max_messages: PULL_MESSAGES, callback: (message) => this.accept(message) });
  }

  /** Stops pulling and waits for the batches in hand to finish. */
  async stop(): Promise<void> {
    await this.messages?.close();
    while (this.flushing) await this.flushing;
  }

  /** Handles one batch of raw messages: decodes, stores, then acks (or naks on failure). */
  async process(messages: JsMsg[]): Promise<void> {
    await this.handle(messages.map((message) => this.decode(message)).filter((decoded) => decoded !== undefined));
  }

  private decode(message: JsMsg): DecodedMessage | undefined {
    const context = { seq: message.seq, consumer: this.options.durable };
    try {
      const entries = decodeEntryMessage(message.subject, message.string(), (error) =>
        this.logger.error({ err: error, ...context }, 'unprocessable entry left out of its batch'),
      );
      return { message, entries };
    } catch (error) {
      this.logger.error({ err: error, ...context }, 'unprocessable entry event dropped');
      message.term();
      return undefined;
    }
  }

  private async handle(batch: DecodedMessage[]): Promise<void> {
    const events = new Map<number, RetribusiEntryCreatedV1>();
    const keys = new Map<number, number>();
    for (const { entries } of batch) {
      const key = messageKey(entries);
      for (const event of entries) {
        events.set(event.entryId, event);
        keys.set(event.entryId, key);
      }
    }
    if (events.size > 0) {
      try {
        const sorted = [...events.values()].sort((left, right) => left.entryId - right.entryId);
        await this.store(
          sorted,
          sorted.map((event) => keys.get(event.entryId) as number),
        );
      } catch (error) {
        this.logger.error({ err: error, messages: batch.length, consumer: this.options.durable }, 'entry batch failed; JetStream will redeliver it');
        for (const { message } of batch) message.nak(RETRY_DELAY_MS);
        return;
      }
    }
    // A batch whose every entry was invalid has nothing to retry either.
    for (const { message, entries } of batch) {
      if (entries.length > 0) message.ack();
      else message.term();
    }
  }

  private accept(message: JsMsg): void {
    const decoded = this.decode(message);
    if (decoded === undefined) return;
    this.buffer.push(decoded);
    this.schedule();
  }

  private schedule(): void {
    if (this.flushing) return;
    this.flushing = (async () => {
      // Let the messages that arrived together (or within lingerMs) join one batch.
      const lingerMs = this.options.lingerMs ?? 0;
      await new Promise((resolve) => (lingerMs > 0 ? setTimeout(resolve, lingerMs) : setImmediate(resolve)));
      while (this.buffer.length > 0) await this.handle(this.buffer.splice(0, this.takeCount()));
    })().finally(() => {
      this.flushing = undefined;
      if (this.buffer.length > 0) this.schedule();
    });
  }

  private takeCount(): number {
    return nextBatchLength(
      this.buffer.map((decoded) => decoded.entries.length),
      this.options.batchSize,
    );
  }

  private async ensureConsumer(): Promise<void> {
    const stream = RETRIBUSI_EVENTS_STREAM.name;
    const durable = this.options.durable;
    const settings = { ack_wait: nanos(this.options.ackWaitSeconds * 1000), max_ack_pending: MAX_ACK_PENDING, filter_subject: RETRIBUSI_ENTRY_EVENTS_FILTER };
    try {
      const info = await this.jetStream.jsm.consumers.info(stream, durable);
      // A consumer made before batches existed filtered on entryCreated alone: widened in place, keeping its position.
      if (
        info.config.ack_wait !== settings.ack_wait ||
        info.config.max_ack_pending !== settings.max_ack_pending ||
        info.config.filter_subject !== settings.filter_subject
      ) {
        await this.jetStream.jsm.consumers.update(stream, durable, settings);
      }
      return;
    } catch (error) {
      if (!isApiError(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
    }
    try {
      await this.jetStream.jsm.consumers.add(stream, {
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ...settings,
      });
    } catch (error) {
      // Another replica created it first; what matters is that it exists now.
      await this.jetStream.jsm.consumers.info(stream, durable).catch(() => {
        throw error;
      });
    }
  }
}

/** A message's key: its lowest entry id (see EntryBatchHandler). */
function messageKey(entries: readonly RetribusiEntryCreatedV1[]): number {
  let lowest = Number.POSITIVE_INFINITY;
  for (const entry of entries) if (entry.entryId < lowest) lowest = entry.entryId;
  return lowest;
}

/** How many buffered messages (their entry counts given) make the next batch: up to `batchSize` entries, at least one message. */
export function nextBatchLength(entryCounts: readonly number[], batchSize: number): number {
  let count = 0;
  let entries = 0;
  for (const size of entryCounts) {
    if (count > 0 && entries + size > batchSize) break;
    entries += size;
    count += 1;
  }
  return count;
}

/**
 * A batch of entries as column arrays (entry id, location, gate, category, event time, price),
 * the parameters of an `unnest($1::bigint[], $2::text[], ...)` insert: one round trip and
 * one statement plan whatever the batch size.
 */
export function entryColumns(batch: readonly RetribusiEntryCreatedV1[]): [number[], string[], string[], string[], number[], number[]] {
  return [
    batch.map((event) => event.entryId),
    batch.map((event) => event.locationCode),
    batch.map((event) => event.gateCode),
    batch.map((event) => event.category),
    batch.map((event) => event.eventTime),
    batch.map((event) => event.price),
  ];
}
