import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { databaseUrl } from '@gerbang/database';
import { ConfigurationError, LOGGER } from '@gerbang/runtime';
import pg from 'pg';
import type { Logger } from 'pino';
import { RETRIBUSI_CONFIG, type RetribusiConfig } from '../config/retribusi.config.js';

/**
 * A plain pg pool for the hot paths (ingest, outbox relay, aggregator): they need named
 * prepared statements and multi-statement transactions with no ORM work per call.
 */
@Injectable()
export class SqlPool implements OnModuleInit, OnApplicationShutdown {
  readonly pool: pg.Pool;

  constructor(
    @Inject(RETRIBUSI_CONFIG) private readonly config: RetribusiConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.pool = new pg.Pool({ connectionString: databaseUrl(), max: config.INGEST_POOL_SIZE, application_name: 'retribusi-ingest' });
    // An idle client losing its server is reported here; without a listener it would crash the process.
    this.pool.on('error', (error) => logger.warn({ err: error }, 'idle database connection failed'));
  }

  query<R extends pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(config);
  }

  /** Runs work in one transaction on one connection; rolls back on any error. */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A connection that cannot even roll back is discarded rather than reused.
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Refuses to start when PostgreSQL does not know BUSINESS_TIMEZONE (every date query uses it). */
  async onModuleInit(): Promise<void> {
    try {
      await this.pool.query('SELECT now() AT TIME ZONE $1::text', [this.config.BUSINESS_TIMEZONE]);
    } catch (error) {
      if ((error as { code?: string }).code === '22023')
        throw new ConfigurationError(`PostgreSQL does not know BUSINESS_TIMEZONE=${this.config.BUSINESS_TIMEZONE}`);
      throw error;
    }
  }

  /** After the workers stopped (beforeApplicationShutdown), so none loses its connection mid-batch. */
  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
