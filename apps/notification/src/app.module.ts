import { Module, type DynamicModule } from '@nestjs/common';
import { DatabaseModule } from '@gerbang/database';
import { ServiceRuntimeModule } from '@gerbang/runtime';
import type { Logger } from 'pino';
import { Baseline1732300000000 } from './migrations/1732300000000-baseline.js';

@Module({})
export class AppModule {
  static create(logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceRuntimeModule.forApp('notification', logger),
        DatabaseModule.forService({ schema: 'notification', entities: [], migrations: [Baseline1732300000000] }),
      ],
    };
  }
}
