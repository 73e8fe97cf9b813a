import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { databaseUrl } from '@gerbang/database';
import { ConfigurationError, LOGGER } from '@gerbang/runtime';
import pg from 'pg';
import type { Logger } from 'pino';

export interface SqlPoolOptions {
  /** Shown in pg_stat_activity. */
  applicationName: string;
  /** Most connections the pool opens. */
  max: number;
  /** The business time zone every date query uses; the pool refuses to start when PostgreSQL does not know it. */
  timeZone: string;
}

/** Provide SqlPoolOptions under this token wherever SqlPool is provided. */
export const SQL_POOL_OPTIONS = Symbol('SQL_POOL_OPTIONS');

/**
 * A plain pg pool for the hot paths (ingest, outbox relay, stream consumers): they need named
 * prepared statements and multi-statement transactions with no ORM work per call.
 */
@Injectable()
export class SqlPool implements OnModuleInit, OnApplicationShutdown {
  readonly pool: pg.Pool;

  constructor(
    @Inject(SQL_POOL_OPTIONS) private readonly options: SqlPoolOptions,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.pool = new pg.Pool({ connectionString: databaseUrl(), max: options.max, application_name: options.applicationName });
    // An idle client losing its server is reported here; without a listener it would crash the process.
    this.pool.on('error', (error) => logger.warn({ err: error }, 'idle database connection failed'));
  }

  query<R extends pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(config);
  }

  /** Runs work in one transaction on one connection; rolls back on any error. */
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.session((client) => inTransaction(client, work));
  }

  /**
   * Runs work on one connection (for session-level state such as an advisory lock held
   * across a transaction and what follows it). A connection whose work failed is closed
   * rather than reused: whatever it still holds (a transaction, a lock) dies with it.
   */
  async session<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      const result = await work(client);
      client.release();
      return result;
    } catch (error) {
      client.release(true);
      throw error;
    }
  }

  /** Refuses to start when PostgreSQL does not know the business time zone (every date query uses it). */
  async onModuleInit(): Promise<void> {
    try {
      await this.pool.query('SELECT now() AT TIME ZONE $1::text', [this.options.timeZone]);
    } catch (error) {
      if ((error as { code?: string }).code === '22023') throw new ConfigurationError(`PostgreSQL does not know BUSINESS_TIMEZONE=${this.options.timeZone}`);
      throw error;
    }
  }

  /** After the workers stopped (beforeApplicationShutdown), so none loses its connection mid-batch. */
  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

/** BEGIN, work, COMMIT on a connection already held; ROLLBACK and rethrow on any error. */
export async function inTransaction<T>(client: pg.PoolClient, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A failed rollback leaves the connection broken; the caller's session() closes it.
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
