import { Module, type DynamicModule } from '@nestjs/common';
import { DatabaseModule } from '@gerbang/database';
import { JETSTREAM_CONNECTION_OPTIONS, JetStreamConnection, SQL_POOL_OPTIONS, SqlPool } from '@gerbang/retribusi';
import { loadConfig, ServiceRuntimeModule } from '@gerbang/runtime';
import type { Logger } from 'pino';
import { REALTIME_CONFIG, RealtimeConfig } from './config/realtime.config.js';
import { RealtimeEventsController } from './events/realtime-events.controller.js';
import { RealtimeEventsService } from './events/realtime-events.service.js';
import { RealtimeRecorder } from './events/realtime-recorder.js';
import { Baseline1732300000000 } from './migrations/1732300000000-baseline.js';
import { RealtimeEvents1732600000000 } from './migrations/1732600000000-realtime-events.js';
import { RetentionPruner } from './retention/retention-pruner.js';

@Module({})
export class AppModule {
  static create(logger: Logger): DynamicModule {
    const config = loadConfig(RealtimeConfig);
    return {
      module: AppModule,
      imports: [
        ServiceRuntimeModule.forApp('realtime', logger),
        // TypeORM only migrates and answers health; the work goes through SqlPool.
        DatabaseModule.forService({ schema: 'realtime', entities: [], migrations: [Baseline1732300000000, RealtimeEvents1732600000000], poolSize: 2 }),
      ],
      controllers: [RealtimeEventsController],
      providers: [
        { provide: REALTIME_CONFIG, useValue: config },
        { provide: SQL_POOL_OPTIONS, useValue: { applicationName: 'realtime', max: config.REALTIME_POOL_SIZE, timeZone: config.BUSINESS_TIMEZONE } },
        {
          provide: JETSTREAM_CONNECTION_OPTIONS,
          useValue: { name: 'realtime-jetstream', streamMaxAgeHours: config.RETRIBUSI_STREAM_MAX_AGE_HOURS, streamReplicas: config.RETRIBUSI_STREAM_REPLICAS },
        },
        SqlPool,
        JetStreamConnection,
        RealtimeEventsService,
        RealtimeRecorder,
        RetentionPruner,
      ],
    };
  }
}
