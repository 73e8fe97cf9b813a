import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { LOGGER } from '@gerbang/runtime';
import { isEnabled, JetStreamConnection, SqlPool } from '@gerbang/retribusi';
import type { Logger } from 'pino';
import { RETRIBUSI_CONFIG, type RetribusiConfig } from '../config/retribusi.config.js';

/** One committed outbox row, ready to publish: its payload as stored (JSON text). */
export interface OutboxMessage {
  id: string;
  subject: string;
  payload: string;
  /** Nats-Msg-Id: JetStream drops a republish of it inside the stream's duplicate window. */
  msgId: string;
}

// Deliberately not named (prepared): a generic plan made while the table was small stays a
// sequential scan as published rows pile up, which made marking rows the database's costliest
// statement under load. Planned per call, both use the indexes.
const CLAIM = {
  text: `SELECT "id"::text AS id, "subject", "payload"::text AS payload, coalesce("headers"->>'Nats-Msg-Id', "message_id"::text) AS "msgId"
           FROM "retribusi"."outbox_messages"
          WHERE "published_at" IS NULL AND "created_at" < now() - make_interval(secs => $2)
          ORDER BY "id" LIMIT $1 FOR UPDATE SKIP LOCKED`,
};
const MARK_PUBLISHED = {
  text: `UPDATE "retribusi"."outbox_messages" SET "published_at" = now(), "attempts" = "attempts" + 1 WHERE "id" = ANY($1::bigint[])`,
};
const MARK_FAILED = {
  text: `UPDATE "retribusi"."outbox_messages" SET "attempts" = "attempts" + 1 WHERE "id" = ANY($1::bigint[])`,
};
const PUBLISH_TIMEOUT_MS = 5_000;
/**
 * A row handed over at its commit is published by that handover; the poll leaves it alone
 * for this long (a publish times out after 5 s), so the two rarely publish one row twice.
 */
const HANDOVER_GRACE_SECONDS = 10;
const ERROR_BACKOFF_MS = 1_000;
const PURGE_EVERY_MS = 10 * 60_000;

/**
 * Publishes committed outbox rows to JetStream and marks them published.
 *
 * Each ingest commit hands its row over (`publishCommitted`): published at once, and marked
 * with the other rows published within OUTBOX_MARK_DELAY_MS in one UPDATE: a mark is not
 * urgent (the poll leaves a row alone for the grace period), and this costs no claim and no
 * transaction per commit, which under load had cost more than the ingest itself.
 *
 * What a handover did not publish (NATS was down, the process died after the commit, another
 * replica stopped) is found by the poll: every OUTBOX_POLL_INTERVAL_MS it claims rows older
 * than the grace period with FOR UPDATE SKIP LOCKED, so replicas share the work; right after
 * boot it claims them whatever their age. A row published twice (a crash before its mark, a
 * slow handover) keeps its Nats-Msg-Id, and the consumers are idempotent besides.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private lastPurge = 0;
  private readonly handovers = new Set<Promise<void>>();
  private toMark: string[] = [];
  private marking?: Promise<void>;
  /** Ends the wait of the marks gathering now (shutdown does not wait for it). */
  private markNow?: () => void;

  constructor(
    private readonly sql: SqlPool,
    private readonly nats: JetStreamConnection,
    @Inject(RETRIBUSI_CONFIG) private readonly config: RetribusiConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!isEnabled(this.config.OUTBOX_RELAY_ENABLED)) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops polling, then lets the handovers in flight publish and be marked. */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
    await Promise.allSettled([...this.handovers]);
    while (this.marking) {
      this.markNow?.();
      await this.marking;
    }
  }

  /**
   * A row just committed: published now, not at the next poll. Without a relay on this
   * replica (OUTBOX_RELAY_ENABLED=0) the row waits for the relay of another.
   */
  publishCommitted(message: OutboxMessage): void {
    if (!this.running) return;
    const handover = this.publish(message).then(
      () => this.markPublished(message.id),
      // The row stays unpublished; the poll retries it after the grace period and warns if
      // it fails too (a warning per commit would flood the log while NATS is down).
      (error: unknown) => this.logger.debug({ err: error, outboxId: message.id }, 'outbox message not published at commit; the relay will retry'),
    );
    this.handovers.add(handover);
    void handover.finally(() => this.handovers.delete(handover));
  }

  /**
   * Claims and publishes one batch of rows; returns how many it published and how many it
   * could not. `graceSeconds`: rows younger than this are left to their handover.
   */
  async publishBatch(graceSeconds = HANDOVER_GRACE_SECONDS): Promise<{ published: number; failed: number }> {
    return this.sql.transaction(async (client) => {
      const { rows } = await client.query<OutboxMessage>({ ...CLAIM, values: [this.config.OUTBOX_BATCH_SIZE, graceSeconds] });
      if (rows.length === 0) return { published: 0, failed: 0 };
      const outcomes = await Promise.allSettled(rows.map((row) => this.publish(row)));
      const published = rows.filter((_, index) => outcomes[index]?.status === 'fulfilled').map((row) => row.id);
      const failed = rows.filter((_, index) => outcomes[index]?.status === 'rejected').map((row) => row.id);
      if (published.length > 0) await client.query({ ...MARK_PUBLISHED, values: [published] });
      if (failed.length > 0) {
        await client.query({ ...MARK_FAILED, values: [failed] });
        const reason = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
        this.logger.warn({ err: reason.reason, failed: failed.length }, 'outbox messages not published; will retry');
      }
      return { published: published.length, failed: failed.length };
    });
  }

  private async publish(message: OutboxMessage): Promise<void> {
    await this.nats.js.publish(message.subject, message.payload, { msgID: message.msgId, timeout: PUBLISH_TIMEOUT_MS });
  }

  /** Rows published by handovers are marked together: one UPDATE in flight, the rest wait for the next. */
  private markPublished(id: string): void {
    this.toMark.push(id);
    if (this.marking) return;
    this.marking = (async () => {
      if (this.running) await wakeableDelay(this.config.OUTBOX_MARK_DELAY_MS, (wake) => (this.markNow = wake));
      while (this.toMark.length > 0) {
        const ids = this.toMark.splice(0);
        // Unmarked, the rows are published again by the poll: a duplicate JetStream drops.
        await this.sql.query({ ...MARK_PUBLISHED, values: [ids] }).catch((error: unknown) => {
          this.logger.warn({ err: error, rows: ids.length }, 'published outbox rows not marked; the relay will publish them again');
        });
      }
    })().finally(() => {
      this.marking = undefined;
    });
  }

  private async run(): Promise<void> {
    // Right after boot, rows of any age: what is unpublished now was left by a process that stopped.
    let graceSeconds = 0;
    while (this.running) {
      const outcome = await this.publishBatch(graceSeconds).catch((error: unknown) => {
        this.logger.error({ err: error }, 'outbox relay failed; retrying');
        return { published: 0, failed: 1 };
      });
      await this.purgeIfDue().catch((error: unknown) => this.logger.warn({ err: error }, 'outbox purge failed'));
      if (!this.running) break;
      // NATS or the database is in trouble: retry calmly rather than every poll interval.
      if (outcome.failed > 0) await this.sleep(ERROR_BACKOFF_MS);
      else if (outcome.published < this.config.OUTBOX_BATCH_SIZE) {
        graceSeconds = HANDOVER_GRACE_SECONDS;
        await this.sleep(this.config.OUTBOX_POLL_INTERVAL_MS);
      }
    }
  }

  private sleep(milliseconds: number): Promise<void> {
    return wakeableDelay(milliseconds, (wake) => (this.wakeUp = wake));
  }

  /** Published rows are kept OUTBOX_RETENTION_HOURS for inspection, then deleted. */
  private async purgeIfDue(): Promise<void> {
    if (Date.now() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = Date.now();
    await this.sql.query({
      text: `DELETE FROM "retribusi"."outbox_messages" WHERE "published_at" < now() - make_interval(hours => $1)`,
      values: [this.config.OUTBOX_RETENTION_HOURS],
    });
  }
}

/** A delay that the function handed to `expose` ends early; `expose(undefined)` once it is over. */
function wakeableDelay(milliseconds: number, expose: (wake: (() => void) | undefined) => void): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      expose(undefined);
      resolve();
    };
    const timer = setTimeout(done, milliseconds);
    expose(done);
  });
}
