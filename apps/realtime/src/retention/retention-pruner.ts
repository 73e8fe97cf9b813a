import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { LOGGER } from '@gerbang/runtime';
import { SqlPool } from '@gerbang/retribusi';
import type { Logger } from 'pino';
import { REALTIME_CONFIG, type RealtimeConfig } from '../config/realtime.config.js';
import { PRUNE_CHUNK, PRUNE_LOCK } from '../events/realtime-sql.js';

/** Rows deleted per transaction, so a long overdue prune never holds one huge transaction. */
const CHUNK_SIZE = 10_000;

/**
 * Keeps REALTIME_RETENTION_DAYS of events: every REALTIME_PRUNE_INTERVAL_SECONDS it deletes
 * the oldest expired ones, chunk by chunk. Each chunk takes PRUNE_LOCK with a try-lock, so
 * with several replicas one prunes and the others skip the round. The day counters behind
 * the snapshot are not pruned (a few rows per gate and day).
 */
@Injectable()
export class RetentionPruner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly sql: SqlPool,
    @Inject(REALTIME_CONFIG) private readonly config: RealtimeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.prune(), this.config.REALTIME_PRUNE_INTERVAL_SECONDS * 1000).unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One round; returns how many events it deleted. A round still running is not doubled. */
  prune(): Promise<number> {
    this.running ??= this.pruneChunks()
      .catch((error: unknown) => {
        this.logger.warn({ err: error }, 'pruning realtime events failed; retrying next round');
        return 0;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async pruneChunks(): Promise<number> {
    let deleted = 0;
    for (;;) {
      const chunk = await this.sql.transaction(async (client) => {
        const locked = await client.query<{ locked: boolean }>({
          name: 'realtime_prune_lock',
          text: 'SELECT pg_try_advisory_xact_lock($1::int, $2::int) AS locked',
          values: PRUNE_LOCK,
        });
        if (!locked.rows[0]?.locked) return 0;
        const result = await client.query({ ...PRUNE_CHUNK, values: [this.config.REALTIME_RETENTION_DAYS, CHUNK_SIZE] });
        return result.rowCount ?? 0;
      });
      deleted += chunk;
      if (chunk < CHUNK_SIZE) break;
    }
    if (deleted > 0) this.logger.info({ deleted }, 'pruned realtime events past retention');
    return deleted;
  }
}
