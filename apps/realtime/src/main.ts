import { runService } from '@gerbang/runtime';
import { AppModule } from './app.module.js';

await runService('realtime', (logger) => AppModule.create(logger));
