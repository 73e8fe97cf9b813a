import { runService } from '@gerbang/runtime';
import { AppModule } from './app.module.js';

await runService('notification', (logger) => AppModule.create(logger));
