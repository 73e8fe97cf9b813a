import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { LOGGER } from '@gerbang/runtime';
import { isEnabled, JetStreamConnection, SqlPool } from '@gerbang/retribusi';
import type { Logger } from 'pino';
import { RETRIBUSI_CONFIG, type RetribusiConfig } from '../config/retribusi.config.js';

interface OutboxRow {
  id: string;
  subject: string;
  message_id: string;
  payload: unknown;
  headers: Record<string, string>;
}

// Deliberately not named (prepared): a generic plan made while the table was small stays a
// sequential scan as published rows pile up, which made marking rows the database's costliest
// statement under load. Planned per call, both use the indexes.
const CLAIM = {
  text: `SELECT "id"::text AS id, "subject", "message_id", "payload", "headers" FROM "retribusi"."outbox_messages"
          WHERE "published_at" IS NULL ORDER BY "id" LIMIT $1 FOR UPDATE SKIP LOCKED`,
};
const MARK_PUBLISHED = {
  text: `UPDATE "retribusi"."outbox_messages" SET "published_at" = now(), "attempts" = "attempts" + 1 WHERE "id" = ANY($1::bigint[])`,
};
const MARK_FAILED = {
  text: `UPDATE "retribusi"."outbox_messages" SET "attempts" = "attempts" + 1 WHERE "id" = ANY($1::bigint[])`,
};
const PUBLISH_TIMEOUT_MS = 5_000;
const ERROR_BACKOFF_MS = 1_000;
const PURGE_EVERY_MS = 10 * 60_000;

/**
 * Publishes committed outbox rows to JetStream and marks them published. Rows are claimed
 * with FOR UPDATE SKIP LOCKED, so replicas share the work; a crash after the publish and
 * before the mark republishes, which Nats-Msg-Id (and idempotent consumers) absorb. Woken
 * at once by this replica's ingests, otherwise it polls every OUTBOX_POLL_INTERVAL_MS.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private pendingWake = false;
  private lastPurge = 0;

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

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  /** Something was just committed: publish now rather than at the next poll. */
  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  /** Publishes one batch; returns how many rows it published and how many it could not. */
  async publishBatch(): Promise<{ published: number; failed: number }> {
    return this.sql.transaction(async (client) => {
      const { rows } = await client.query<OutboxRow>({ ...CLAIM, values: [this.config.OUTBOX_BATCH_SIZE] });
      if (rows.length === 0) return { published: 0, failed: 0 };
      const outcomes = await Promise.allSettled(
        rows.map((row) =>
          this.nats.js.publish(row.subject, JSON.stringify(row.payload), { msgID: row.headers['Nats-Msg-Id'] ?? row.message_id, timeout: PUBLISH_TIMEOUT_MS }),
        ),
      );
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

  private async run(): Promise<void> {
    while (this.running) {
      this.pendingWake = false;
      const outcome = await this.publishBatch().catch((error: unknown) => {
        this.logger.error({ err: error }, 'outbox relay failed; retrying');
        return { published: 0, failed: 1 };
      });
      await this.purgeIfDue().catch((error: unknown) => this.logger.warn({ err: error }, 'outbox purge failed'));
      const [published, failed] = [outcome.published, outcome.failed > 0];
      if (!this.running) break;
      // NATS or the database is in trouble: retry calmly rather than every poll interval.
      if (failed) await this.sleep(ERROR_BACKOFF_MS);
      else if (published < this.config.OUTBOX_BATCH_SIZE && !this.pendingWake) await this.sleep(this.config.OUTBOX_POLL_INTERVAL_MS);
    }
  }

  private sleep(milliseconds: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, milliseconds);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = undefined;
        done();
      };
    });
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
