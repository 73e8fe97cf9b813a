import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { DynamicModule, INestMicroservice } from '@nestjs/common';
import type { AppName } from '@gerbang/contracts';
import type { Logger } from 'pino';
import { loadConfig } from './config.js';
import { createLogger, PinoNestLogger } from './logger.js';
import { startMetricsServer } from './metrics.js';
import { natsTransportOptions } from './nats.js';
import { RuntimeSettings } from './runtime-settings.js';
import { DataSource } from 'typeorm';

/**
 * Boots one service: NATS microservice in its queue group, database migrated by its module,
 * metrics on METRICS_PORT, and a clean drain on SIGTERM/SIGINT.
 */
export async function runService(app: AppName, rootModule: (logger: Logger) => DynamicModule): Promise<INestMicroservice> {
  const logger = createLogger(app);
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  try {
    const settings = loadConfig(RuntimeSettings);
    const service = await NestFactory.createMicroservice(rootModule(logger), {
      ...natsTransportOptions(app),
      logger: new PinoNestLogger(logger),
      bufferLogs: false,
    });
    service.enableShutdownHooks(['SIGTERM', 'SIGINT']);
    await service.listen();
    startMetricsServer(settings.METRICS_PORT, () => databaseAnswers(service));
    // The ready line is what supervisors wait for, so it is written whatever LOG_LEVEL says.
    logger.child({}, { level: 'info' }).info({ event: 'ready' }, `${app} ready`);
    return service;
  } catch (error) {
    logger.fatal({ err: error }, `${app} failed to start`);
    process.exit(1);
  }
}

/** Readiness of a service for probes: its database answers (NATS is watched by the transport). */
async function databaseAnswers(service: INestMicroservice): Promise<boolean> {
  let dataSource: DataSource;
  try {
    dataSource = service.get(DataSource, { strict: false });
  } catch {
    // A service without a database is ready once it listens.
    return true;
  }
  await dataSource.query('SELECT 1');
  return true;
}
