import { runService } from '@gerbang/runtime';
import { AppModule } from './app.module.js';

await runService('auth-rbac', (logger) => AppModule.create(logger));
