import { runService } from '@gerbang/runtime';
import { AppModule } from './app.module.js';

await runService('qr', (logger) => AppModule.create(logger));
