import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { RETRIBUSI_EVENTS_STREAM } from '@gerbang/contracts';
import { connectNats, LOGGER } from '@gerbang/runtime';
import {
  jetstream,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { RETRIBUSI_CONFIG, type RetribusiConfig } from '../config/retribusi.config.js';

/** JetStream drops a republished Nats-Msg-Id seen within this window. */
const DUPLICATE_WINDOW_MS = 2 * 60_000;

/**
 * This app's own NATS connection for JetStream (the Nest transport keeps its own for
 * request-reply). At boot it makes sure RETRIBUSI_EVENTS exists, so the first publish never
 * races the stream's creation.
 */
@Injectable()
export class JetStreamConnection implements OnModuleInit, OnApplicationShutdown {
  private connection?: NatsConnection;
  private client?: JetStreamClient;
  private manager?: JetStreamManager;

  constructor(
    @Inject(RETRIBUSI_CONFIG) private readonly config: RetribusiConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  get js(): JetStreamClient {
    if (!this.client) throw new Error('JetStream is not connected yet');
    return this.client;
  }

  get jsm(): JetStreamManager {
    if (!this.manager) throw new Error('JetStream is not connected yet');
    return this.manager;
  }

  async onModuleInit(): Promise<void> {
    this.connection = await connectNats('retribusi-ingest-jetstream');
    this.manager = await jetstreamManager(this.connection);
    this.client = jetstream(this.connection);
    await this.ensureStream();
  }

  async onApplicationShutdown(): Promise<void> {
    // drain() flushes pending acks and publishes before closing.
    await this.connection?.drain().catch((error: unknown) => this.logger.warn({ err: error }, 'JetStream connection drain failed'));
  }

  private async ensureStream(): Promise<void> {
    const { name, subjects } = RETRIBUSI_EVENTS_STREAM;
    try {
      await this.jsm.streams.info(name);
      return;
    } catch (error) {
      if (!isApiError(error, JetStreamApiCodes.StreamNotFound)) throw error;
    }
    try {
      await this.jsm.streams.add({
        name,
        subjects: [...subjects],
        retention: RetentionPolicy.Limits,
        storage: StorageType.File,
        max_age: nanos(this.config.RETRIBUSI_STREAM_MAX_AGE_HOURS * 3_600_000),
        duplicate_window: nanos(DUPLICATE_WINDOW_MS),
      });
      this.logger.info({ stream: name }, 'JetStream stream created');
    } catch (error) {
      // Another replica created it first; what matters is that it exists now.
      await this.jsm.streams.info(name).catch(() => {
        throw error;
      });
    }
  }
}

export function isApiError(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}
