import { runService } from '@gerbang/runtime';
import { AppModule } from './app.module.js';

await runService('retribusi-ingest', (logger) => AppModule.create(logger));
