import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import type { AppName } from '@gerbang/contracts';
import type { Logger } from 'pino';
import { createHealthController } from './health.js';
import { MessageContextInterceptor } from './message-context.interceptor.js';
import { ServiceErrorFilter } from './rpc-exception.filter.js';
import { APP_NAME, LOGGER } from './tokens.js';

/** What every service gets: its logger, health subject, error filter and request context. */
@Global()
@Module({})
export class ServiceRuntimeModule {
  static forApp(app: AppName, logger: Logger): DynamicModule {
    return {
      module: ServiceRuntimeModule,
      controllers: [createHealthController(app)],
      providers: [
        { provide: LOGGER, useValue: logger },
        { provide: APP_NAME, useValue: app },
        { provide: APP_FILTER, useClass: ServiceErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: MessageContextInterceptor },
      ],
      exports: [LOGGER, APP_NAME],
    };
  }
}
