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

/** JetStream drops a republished Nats-Msg-Id seen within this window. */
const DUPLICATE_WINDOW_MS = 2 * 60_000;

export interface JetStreamConnectionOptions {
  /** The NATS connection name (shown in the server's connection list). */
  name: string;
  /** How long RETRIBUSI_EVENTS keeps messages, when this app is the one that creates it. */
  streamMaxAgeHours: number;
  /**
   * Copies of RETRIBUSI_EVENTS in a JetStream cluster (1 on a single server, 3 on the
   * 3-node cluster of k8s/). An existing stream with fewer copies is raised to this.
   */
  streamReplicas?: number;
}

/** Provide JetStreamConnectionOptions under this token wherever JetStreamConnection is provided. */
export const JETSTREAM_CONNECTION_OPTIONS = Symbol('JETSTREAM_CONNECTION_OPTIONS');

/**
 * The app's own NATS connection for JetStream (the Nest transport keeps its own for
 * request-reply). At boot it makes sure RETRIBUSI_EVENTS exists, so neither the first publish
 * nor the first consumer races the stream's creation, whichever app starts first.
 */
@Injectable()
export class JetStreamConnection implements OnModuleInit, OnApplicationShutdown {
  private natsConnection?: NatsConnection;
  private client?: JetStreamClient;
  private manager?: JetStreamManager;

  constructor(
    @Inject(JETSTREAM_CONNECTION_OPTIONS) private readonly options: JetStreamConnectionOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The underlying core NATS connection (for core publishes beside JetStream). */
  get connection(): NatsConnection {
    if (!this.natsConnection) throw new Error('JetStream is not connected yet');
    return this.natsConnection;
  }

  get js(): JetStreamClient {
    if (!this.client) throw new Error('JetStream is not connected yet');
    return this.client;
  }

  get jsm(): JetStreamManager {
    if (!this.manager) throw new Error('JetStream is not connected yet');
    return this.manager;
  }

  async onModuleInit(): Promise<void> {
    this.natsConnection = await connectNats(this.options.name);
    this.manager = await jetstreamManager(this.natsConnection);
    this.client = jetstream(this.natsConnection);
    await this.ensureStream();
  }

  async onApplicationShutdown(): Promise<void> {
    // drain() flushes pending acks and publishes before closing.
    await this.natsConnection?.drain().catch((error: unknown) => this.logger.warn({ err: error }, 'JetStream connection drain failed'));
  }

  private async ensureStream(): Promise<void> {
    const { name, subjects } = RETRIBUSI_EVENTS_STREAM;
    const replicas = this.options.streamReplicas ?? 1;
    try {
      const info = await this.jsm.streams.info(name);
      // Raise only: lowering copies is an operator's decision, never a side effect of a boot.
      if ((info.config.num_replicas ?? 1) < replicas) {
        await this.jsm.streams.update(name, { ...info.config, num_replicas: replicas });
        this.logger.info({ stream: name, replicas }, 'JetStream stream replicas raised');
      }
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
        max_age: nanos(this.options.streamMaxAgeHours * 3_600_000),
        duplicate_window: nanos(DUPLICATE_WINDOW_MS),
        num_replicas: replicas,
      });
      this.logger.info({ stream: name }, 'JetStream stream created');
    } catch (error) {
      // Another replica (or app) created it first; what matters is that it exists now.
      await this.jsm.streams.info(name).catch(() => {
        throw error;
      });
    }
  }
}

export function isApiError(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}
