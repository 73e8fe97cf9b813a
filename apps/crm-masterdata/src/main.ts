import { runService } from '@gerbang/runtime';
import { AppModule } from './app.module.js';

await runService('crm-masterdata', (logger) => AppModule.create(logger));
