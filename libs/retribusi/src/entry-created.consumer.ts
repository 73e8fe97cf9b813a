import 'reflect-metadata';
import { RETRIBUSI_EVENTS_STREAM, RETRIBUSI_SUBJECTS, RetribusiEntryCreatedV1 } from '@gerbang/contracts';
import { AckPolicy, DeliverPolicy, JetStreamApiCodes, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Logger } from 'pino';
import { isApiError, type JetStreamConnection } from './jetstream.connection.js';

/** How long a failed batch waits before JetStream delivers it again. */
const RETRY_DELAY_MS = 2_000;
const MAX_ACK_PENDING = 10_000;

/** A message that can never be processed (not JSON, or not the payload class): retrying cannot help. */
export class UnprocessableEventError extends Error {
  override name = 'UnprocessableEventError';
}

/** Parses and validates one `retribusi.entry.created.v1` payload. */
export function decodeEntryCreated(data: string): RetribusiEntryCreatedV1 {
  let plain: unknown;
  try {
    plain = JSON.parse(data);
  } catch {
    throw new UnprocessableEventError('payload is not JSON');
  }
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) throw new UnprocessableEventError('payload is not an object');
  const event = plainToInstance(RetribusiEntryCreatedV1, plain);
  const errors = validateSync(event);
  if (errors.length > 0) throw new UnprocessableEventError(`invalid payload: ${errors.map((error) => error.property).join(', ')}`);
  return event;
}

export interface EntryCreatedConsumerOptions {
  /** The durable consumer's name on RETRIBUSI_EVENTS; one per reader, never reused for another purpose. */
  durable: string;
  /** Most events handed to `store` at once. */
  batchSize: number;
  /** JetStream redelivers an event not acknowledged after this long. */
  ackWaitSeconds: number;
}

/**
 * Stores one batch of distinct entries (sorted by entryId) durably and idempotently: a
 * redelivered entry must change nothing twice. Resolves once the batch is committed;
 * throwing asks JetStream to deliver the whole batch again.
 */
export type EntryBatchHandler = (events: RetribusiEntryCreatedV1[]) => Promise<void>;

/**
 * A durable JetStream consumer of `retribusi.entry.created.v1`. Messages are buffered as
 * they arrive and handed over by batch; a batch is acked only after its handler resolved,
 * and naked (redelivered later) when it threw. A message that is not a valid payload is
 * logged and terminated, never retried. Replicas may share one durable consumer.
 */
export class EntryCreatedConsumer {
  private messages?: ConsumerMessages;
  private buffer: JsMsg[] = [];
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
    this.messages = await consumer.consume({ max_messages: this.options.batchSize * 2, callback: (message) => this.accept(message) });
  }

  /** Stops pulling and waits for the batches in hand to finish. */
  async stop(): Promise<void> {
    await this.messages?.close();
    while (this.flushing) await this.flushing;
  }

  /** Handles one batch of raw messages: decodes, stores, then acks (or naks on failure). */
  async process(messages: JsMsg[]): Promise<void> {
    const events = new Map<number, RetribusiEntryCreatedV1>();
    const processable: JsMsg[] = [];
    for (const message of messages) {
      try {
        const event = decodeEntryCreated(message.string());
        events.set(event.entryId, event);
        processable.push(message);
      } catch (error) {
        this.logger.error({ err: error, seq: message.seq, consumer: this.options.durable }, 'unprocessable entry event dropped');
        message.term();
      }
    }
    if (events.size === 0) return;
    try {
      await this.store([...events.values()].sort((left, right) => left.entryId - right.entryId));
    } catch (error) {
      this.logger.error({ err: error, messages: processable.length, consumer: this.options.durable }, 'entry batch failed; JetStream will redeliver it');
      for (const message of processable) message.nak(RETRY_DELAY_MS);
      return;
    }
    for (const message of processable) message.ack();
  }

  private accept(message: JsMsg): void {
    this.buffer.push(message);
    this.schedule();
  }

  private schedule(): void {
    if (this.flushing) return;
    this.flushing = (async () => {
      // Let the messages that arrived together join one batch.
      await new Promise((resolve) => setImmediate(resolve));
      while (this.buffer.length > 0) await this.process(this.buffer.splice(0, this.options.batchSize));
    })().finally(() => {
      this.flushing = undefined;
      if (this.buffer.length > 0) this.schedule();
    });
  }

  private async ensureConsumer(): Promise<void> {
    const stream = RETRIBUSI_EVENTS_STREAM.name;
    const durable = this.options.durable;
    const settings = { ack_wait: nanos(this.options.ackWaitSeconds * 1000), max_ack_pending: MAX_ACK_PENDING };
    try {
      const info = await this.jetStream.jsm.consumers.info(stream, durable);
      if (info.config.ack_wait !== settings.ack_wait || info.config.max_ack_pending !== settings.max_ack_pending) {
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
        filter_subject: RETRIBUSI_SUBJECTS.entryCreated,
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
