import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { RETRIBUSI_CONSUMERS, type RetribusiEntryCreatedV1 } from '@gerbang/contracts';
import { LOGGER } from '@gerbang/runtime';
import { EntryCreatedConsumer, entryColumns, isEnabled, JetStreamConnection, SqlPool } from '@gerbang/retribusi';
import type { Logger } from 'pino';
import { RETRIBUSI_CONFIG, type RetribusiConfig } from '../config/retribusi.config.js';
import { AGGREGATES_LOCK, FOLD_BATCH } from './summary-sql.js';

const PURGE_EVERY_MS = 10 * 60_000;

/**
 * The durable JetStream consumer that keeps the daily and hourly summaries: each batch is
 * folded in by one transaction, and acked only after its commit (EntryCreatedConsumer). The
 * message keys recorded in that same transaction make redeliveries (after a crash, a
 * timeout, or a republish) add nothing.
 */
@Injectable()
export class SummaryAggregator implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer?: EntryCreatedConsumer;
  private purgeTimer?: NodeJS.Timeout;

  constructor(
    private readonly sql: SqlPool,
    private readonly nats: JetStreamConnection,
    @Inject(RETRIBUSI_CONFIG) private readonly config: RetribusiConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!isEnabled(this.config.AGGREGATOR_ENABLED)) return;
    const options = {
      durable: RETRIBUSI_CONSUMERS.aggregator,
      batchSize: this.config.AGGREGATOR_BATCH_SIZE,
      lingerMs: this.config.AGGREGATOR_LINGER_MS,
      ackWaitSeconds: this.config.AGGREGATOR_ACK_WAIT_SECONDS,
    };
    this.consumer = new EntryCreatedConsumer(this.nats, options, this.logger, (batch, messageKeys) => this.fold(batch, messageKeys));
    await this.consumer.start();
    this.purgeTimer = setInterval(() => void this.purgeCountedIds(), PURGE_EVERY_MS).unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.purgeTimer);
    await this.consumer?.stop();
  }

  /** Folds one batch (distinct entries, sorted by id, with their messages' keys) into the summaries in one transaction. */
  async fold(batch: RetribusiEntryCreatedV1[], messageKeys: number[]): Promise<void> {
    await this.sql.transaction(async (client) => {
      await client.query({
        name: 'retribusi_aggregates_shared_lock',
        text: 'SELECT pg_advisory_xact_lock_shared($1::int, $2::int)',
        values: AGGREGATES_LOCK,
      });
      await client.query({
        ...FOLD_BATCH,
        values: [...entryColumns(batch), messageKeys, this.config.BUSINESS_TIMEZONE],
      });
    });
  }

  /**
   * Marks (of messages, and of entries a recompute counted) only matter while the stream can
   * still deliver their event: once a day past the stream's max age, they are deleted.
   */
  private async purgeCountedIds(): Promise<void> {
    try {
      for (const table of ['aggregated_messages', 'aggregated_entries']) {
        await this.sql.query({
          text: `DELETE FROM "retribusi"."${table}" WHERE "aggregated_at" < now() - make_interval(hours => $1)`,
          values: [this.config.RETRIBUSI_STREAM_MAX_AGE_HOURS + 24],
        });
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'purge of counted entry ids failed');
    }
  }
}
