import { Module, type DynamicModule } from '@nestjs/common';
import { DatabaseModule } from '@gerbang/database';
import { ServiceRuntimeModule } from '@gerbang/runtime';
import type { Logger } from 'pino';
import { AuthRbacClient } from './common/auth-rbac-client.js';
import { RecordStore } from './common/record-store.js';
import { CONTROLLERS, SERVICES } from './controllers.js';
import { Baseline1732300000000 } from './migrations/1732300000000-baseline.js';
import { MasterDataSchema1732610000000 } from './migrations/1732610000000-masterdata-schema.js';
import { PartnerLookupController } from './partners/partner-lookup.controller.js';

export const CRM_SCHEMA = 'crm';

@Module({})
export class AppModule {
  static create(logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceRuntimeModule.forApp('crm-masterdata', logger),
        // Plain SQL through RecordStore: no TypeORM entities.
        DatabaseModule.forService({ schema: CRM_SCHEMA, entities: [], migrations: [Baseline1732300000000, MasterDataSchema1732610000000] }),
      ],
      controllers: [...CONTROLLERS, PartnerLookupController],
      providers: [RecordStore, AuthRbacClient, ...SERVICES],
    };
  }
}
