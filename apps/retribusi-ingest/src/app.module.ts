import { Module, type DynamicModule } from '@nestjs/common';
import { DatabaseModule } from '@gerbang/database';
import { loadConfig, ServiceRuntimeModule } from '@gerbang/runtime';
import { JETSTREAM_CONNECTION_OPTIONS, JetStreamConnection, SQL_POOL_OPTIONS, SqlPool } from '@gerbang/retribusi';
import type { Logger } from 'pino';
import { SummariesController } from './aggregation/summaries.controller.js';
import { SummariesService } from './aggregation/summaries.service.js';
import { AggregatedEntryEntity, AggregatedMessageEntity, DailySummaryEntity, HourlySummaryEntity } from './aggregation/summary.entities.js';
import { SummaryAggregator } from './aggregation/summary-aggregator.js';
import { AuditLogEntity } from './audit/audit-log.entity.js';
import { AuditLogsController } from './audit/audit-logs.controller.js';
import { AuditService } from './audit/audit.service.js';
import { RETRIBUSI_CONFIG, RetribusiConfig } from './config/retribusi.config.js';
import { DemoDataSeeder } from './demo/demo-data.seeder.js';
import { EntryEventEntity } from './entry-events/entry-event.entity.js';
import { EntryEventsController } from './entry-events/entry-events.controller.js';
import { EntryEventsService } from './entry-events/entry-events.service.js';
import { GateEntity } from './gates/gate.entity.js';
import { GatesController } from './gates/gates.controller.js';
import { GatesService } from './gates/gates.service.js';
import { EntryEventStore } from './ingest/entry-event.store.js';
import { IngestBatcher } from './ingest/ingest-batcher.js';
import { IngestController } from './ingest/ingest.controller.js';
import { IngestService } from './ingest/ingest.service.js';
import { LocationEntity } from './locations/location.entity.js';
import { LocationsController } from './locations/locations.controller.js';
import { LocationsService } from './locations/locations.service.js';
import { MasterDataCache } from './master-data/master-data-cache.js';
import { Baseline1732300000000 } from './migrations/1732300000000-baseline.js';
import { RetribusiSchema1732500000000 } from './migrations/1732500000000-retribusi-schema.js';
import { OptionalEventKey1732700000000 } from './migrations/1732700000000-optional-event-key.js';
import { TariffPriceHistory1732800000000 } from './migrations/1732800000000-tariff-price-history.js';
import { AggregatedMessages1732900000000 } from './migrations/1732900000000-aggregated-messages.js';
import { OutboxJsonPayload1733000000000 } from './migrations/1733000000000-outbox-json-payload.js';
import { OutboxRelay } from './outbox/outbox-relay.js';
import { TariffEntity } from './tariffs/tariff.entity.js';
import { TariffsController } from './tariffs/tariffs.controller.js';
import { TariffsService } from './tariffs/tariffs.service.js';

const ENTITIES = [
  LocationEntity,
  GateEntity,
  TariffEntity,
  AuditLogEntity,
  EntryEventEntity,
  DailySummaryEntity,
  HourlySummaryEntity,
  AggregatedEntryEntity,
  AggregatedMessageEntity,
];

@Module({})
export class AppModule {
  static create(logger: Logger): DynamicModule {
    const config = loadConfig(RetribusiConfig);
    return {
      module: AppModule,
      imports: [
        ServiceRuntimeModule.forApp('retribusi-ingest', logger),
        DatabaseModule.forService({
          schema: 'retribusi',
          entities: ENTITIES,
          migrations: [
            Baseline1732300000000,
            RetribusiSchema1732500000000,
            OptionalEventKey1732700000000,
            TariffPriceHistory1732800000000,
            AggregatedMessages1732900000000,
            OutboxJsonPayload1733000000000,
          ],
        }),
      ],
      controllers: [IngestController, LocationsController, GatesController, TariffsController, AuditLogsController, EntryEventsController, SummariesController],
      providers: [
        { provide: RETRIBUSI_CONFIG, useValue: config },
        { provide: SQL_POOL_OPTIONS, useValue: { applicationName: 'retribusi-ingest', max: config.INGEST_POOL_SIZE, timeZone: config.BUSINESS_TIMEZONE } },
        {
          provide: JETSTREAM_CONNECTION_OPTIONS,
          useValue: {
            name: 'retribusi-ingest-jetstream',
            streamMaxAgeHours: config.RETRIBUSI_STREAM_MAX_AGE_HOURS,
            streamReplicas: config.RETRIBUSI_STREAM_REPLICAS,
          },
        },
        SqlPool,
        JetStreamConnection,
        MasterDataCache,
        AuditService,
        LocationsService,
        GatesService,
        TariffsService,
        EntryEventStore,
        IngestBatcher,
        OutboxRelay,
        IngestService,
        EntryEventsService,
        SummariesService,
        SummaryAggregator,
        DemoDataSeeder,
      ],
    };
  }
}
