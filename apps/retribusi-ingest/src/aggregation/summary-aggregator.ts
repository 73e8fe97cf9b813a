import 'reflect-metadata';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { RETRIBUSI_CONSUMERS, RETRIBUSI_EVENTS_STREAM, RETRIBUSI_SUBJECTS, RetribusiEntryCreatedV1 } from '@gerbang/contracts';
import { LOGGER } from '@gerbang/runtime';
import { AckPolicy, DeliverPolicy, JetStreamApiCodes, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Logger } from 'pino';
import { SqlPool } from '../common/sql-pool.js';
import { isEnabled, RETRIBUSI_CONFIG, type RetribusiConfig } from '../config/retribusi.config.js';
import { isApiError, JetStreamConnection } from '../outbox/jetstream.connection.js';
import { AGGREGATES_LOCK, FOLD_BATCH } from './summary-sql.js';

/** How long a failed batch waits before JetStream delivers it again. */
const RETRY_DELAY_MS = 2_000;
const MAX_ACK_PENDING = 10_000;
const PURGE_EVERY_MS = 10 * 60_000;

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

/**
 * The durable JetStream consumer that keeps the daily and hourly summaries. Messages are
 * buffered as they arrive and folded in by batch, one transaction each; the batch is acked
 * only after its commit. The entry ids recorded in that same transaction make redeliveries
 * (after a crash, a timeout, or a republish) add nothing.
 */
@Injectable()
export class SummaryAggregator implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private messages?: ConsumerMessages;
  private buffer: JsMsg[] = [];
  private flushing?: Promise<void>;
  private purgeTimer?: NodeJS.Timeout;

  constructor(
    private readonly sql: SqlPool,
    private readonly nats: JetStreamConnection,
    @Inject(RETRIBUSI_CONFIG) private readonly config: RetribusiConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!isEnabled(this.config.AGGREGATOR_ENABLED)) return;
    await this.ensureConsumer();
    const consumer = await this.nats.js.consumers.get(RETRIBUSI_EVENTS_STREAM.name, RETRIBUSI_CONSUMERS.aggregator);
    this.messages = await consumer.consume({ max_messages: this.config.AGGREGATOR_BATCH_SIZE * 2, callback: (message) => this.accept(message) });
    this.purgeTimer = setInterval(() => void this.purgeCountedIds(), PURGE_EVERY_MS).unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.purgeTimer);
    await this.messages?.close();
    while (this.flushing) await this.flushing;
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
      while (this.buffer.length > 0) await this.fold(this.buffer.splice(0, this.config.AGGREGATOR_BATCH_SIZE));
    })().finally(() => {
      this.flushing = undefined;
      if (this.buffer.length > 0) this.schedule();
    });
  }

  /** Folds one batch into the summaries; acks it after the commit, or asks for redelivery. */
  async fold(messages: JsMsg[]): Promise<void> {
    const events = new Map<number, RetribusiEntryCreatedV1>();
    const processable: JsMsg[] = [];
    for (const message of messages) {
      try {
        const event = decodeEntryCreated(message.string());
        events.set(event.entryId, event);
        processable.push(message);
      } catch (error) {
        this.logger.error({ err: error, seq: message.seq }, 'unprocessable entry event dropped');
        message.term();
      }
    }
    if (events.size === 0) return;
    const batch = [...events.values()].sort((left, right) => left.entryId - right.entryId);
    try {
      await this.sql.transaction(async (client) => {
        await client.query({
          name: 'retribusi_aggregates_shared_lock',
          text: 'SELECT pg_advisory_xact_lock_shared($1::int, $2::int)',
          values: AGGREGATES_LOCK,
        });
        await client.query({
          ...FOLD_BATCH,
          values: [
            batch.map((event) => event.entryId),
            batch.map((event) => event.locationCode),
            batch.map((event) => event.gateCode),
            batch.map((event) => event.category),
            batch.map((event) => event.eventTime),
            batch.map((event) => event.price),
            this.config.BUSINESS_TIMEZONE,
          ],
        });
      });
    } catch (error) {
      this.logger.error({ err: error, messages: processable.length }, 'summary batch failed; JetStream will redeliver it');
      for (const message of processable) message.nak(RETRY_DELAY_MS);
      return;
    }
    for (const message of processable) message.ack();
  }

  /**
   * Counted ids only matter while the stream can still deliver their event: once a day past
   * the stream's max age, they are deleted.
   */
  private async purgeCountedIds(): Promise<void> {
    try {
      await this.sql.query({
        text: `DELETE FROM "retribusi"."aggregated_entries" WHERE "aggregated_at" < now() - make_interval(hours => $1)`,
        values: [this.config.RETRIBUSI_STREAM_MAX_AGE_HOURS + 24],
      });
    } catch (error) {
      this.logger.warn({ err: error }, 'purge of counted entry ids failed');
    }
  }

  private async ensureConsumer(): Promise<void> {
    const stream = RETRIBUSI_EVENTS_STREAM.name;
    const durable = RETRIBUSI_CONSUMERS.aggregator;
    const settings = { ack_wait: nanos(this.config.AGGREGATOR_ACK_WAIT_SECONDS * 1000), max_ack_pending: MAX_ACK_PENDING };
    try {
      const info = await this.nats.jsm.consumers.info(stream, durable);
      if (info.config.ack_wait !== settings.ack_wait || info.config.max_ack_pending !== settings.max_ack_pending) {
        await this.nats.jsm.consumers.update(stream, durable, settings);
      }
      return;
    } catch (error) {
      if (!isApiError(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
    }
    await this.nats.jsm.consumers.add(stream, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: RETRIBUSI_SUBJECTS.entryCreated,
      ...settings,
    });
  }
}
