import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { REALTIME_CONSUMER, REALTIME_SUBJECTS, type RealtimeEventV1, type RetribusiEntryCreatedV1 } from '@gerbang/contracts';
import { LOGGER, metricsRegistry } from '@gerbang/runtime';
import { EntryCreatedConsumer, entryColumns, inTransaction, isEnabled, JetStreamConnection, SqlPool } from '@gerbang/retribusi';
import { Counter } from 'prom-client';
import type { Logger } from 'pino';
import { REALTIME_CONFIG, type RealtimeConfig } from '../config/realtime.config.js';
import { toRealtimeEvent, type EventRow } from './realtime-query.js';
import { STORE_BATCH, WRITER_LOCK } from './realtime-sql.js';

/** How long the writer waits for NATS to confirm its live publishes before letting the next batch go. */
const LIVE_FLUSH_TIMEOUT_MS = 2_000;

const storedTotal = new Counter({
  name: 'gerbang_realtime_events_stored_total',
  help: 'Entries this replica stored in realtime_events (and published live)',
  registers: [metricsRegistry],
});

/**
 * Reads RETRIBUSI_EVENTS with the durable consumer `retribusi-realtime` (replicas share it),
 * stores each entry once, and publishes the stored rows on the live subject.
 *
 * A batch is stored under WRITER_LOCK, a session-level advisory lock held from before its ids
 * are drawn until its live publishes are flushed to NATS. So across every replica, ids are
 * committed in id order (a reader that sees id N sees every id below it) and reach the live
 * subject in id order. Entries are acked after all of that; a failed batch is redelivered and
 * stores only what is still missing.
 */
@Injectable()
export class RealtimeRecorder implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer?: EntryCreatedConsumer;

  constructor(
    private readonly sql: SqlPool,
    private readonly nats: JetStreamConnection,
    @Inject(REALTIME_CONFIG) private readonly config: RealtimeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!isEnabled(this.config.REALTIME_CONSUMER_ENABLED)) return;
    const options = { durable: REALTIME_CONSUMER, batchSize: this.config.REALTIME_BATCH_SIZE, ackWaitSeconds: this.config.REALTIME_ACK_WAIT_SECONDS };
    this.consumer = new EntryCreatedConsumer(this.nats, options, this.logger, async (batch) => void (await this.record(batch)));
    await this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  /** Stores a batch (distinct entries) and publishes what was new; returns it, in id order. */
  async record(batch: RetribusiEntryCreatedV1[]): Promise<RealtimeEventV1[]> {
    return this.sql.session(async (client) => {
      await client.query({ name: 'realtime_writer_lock', text: 'SELECT pg_advisory_lock($1::int, $2::int)', values: WRITER_LOCK });
      const stored = await inTransaction(client, async () => {
        const { rows } = await client.query<EventRow>({
          ...STORE_BATCH,
          values: [...entryColumns(batch), batch.map((event) => event.createdAt), this.config.BUSINESS_TIMEZONE, this.config.REALTIME_RETENTION_DAYS],
        });
        return rows.map(toRealtimeEvent);
      });
      await this.publishLive(stored);
      await client.query({ name: 'realtime_writer_unlock', text: 'SELECT pg_advisory_unlock($1::int, $2::int)', values: WRITER_LOCK });
      storedTotal.inc(stored.length);
      return stored;
    });
  }

  /**
   * Core NATS, lossy by design: a publish that fails is logged and left to the gateways'
   * gap filling (replay), never retried out of order. The flush makes NATS hold this batch
   * before another replica may publish the next one.
   */
  private async publishLive(events: RealtimeEventV1[]): Promise<void> {
    if (events.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      for (const event of events) this.nats.connection.publish(REALTIME_SUBJECTS.live, JSON.stringify(event));
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`NATS flush took over ${LIVE_FLUSH_TIMEOUT_MS} ms`)), LIVE_FLUSH_TIMEOUT_MS);
      });
      await Promise.race([this.nats.connection.flush(), timeout]);
    } catch (error) {
      this.logger.warn({ err: error, first: events[0]?.id, last: events.at(-1)?.id }, 'live publish of realtime events failed; streams fill the gap by replay');
    } finally {
      clearTimeout(timer);
    }
  }
}
