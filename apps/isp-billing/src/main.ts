import { runService } from '@gerbang/runtime';
import { AppModule } from './app.module.js';

await runService('isp-billing', (logger) => AppModule.create(logger));
