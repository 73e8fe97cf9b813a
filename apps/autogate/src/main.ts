import { runService } from '@gerbang/runtime';
import { AppModule } from './app.module.js';

await runService('autogate', (logger) => AppModule.create(logger));
