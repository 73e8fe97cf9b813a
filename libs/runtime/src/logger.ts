import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import { requestContext } from './request-context.js';

/**
 * One JSON logger per process. Every line carries the app name and, inside a request, the
 * request id. Secrets never reach it: credentials, tokens and keys are redacted by path.
 */
export function createLogger(app: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino(
    {
      level,
      base: { app },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin() {
        const context = requestContext.getStore();
        return context ? { requestId: context.requestId, traceId: context.traceId } : {};
      },
      redact: {
        paths: [
          'password',
          '*.password',
          'token',
          '*.token',
          'secret',
          '*.secret',
          'authorization',
          '*.authorization',
          'headers.authorization',
          'headers["x-api-key"]',
          'headers["x-mywifi-key"]',
          'headers.cookie',
          'client_secret',
          '*.client_secret',
          'refresh_token',
          '*.refresh_token',
          'access_token',
          '*.access_token',
        ],
        censor: '[redacted]',
      },
    },
    // Asynchronous: lines logged while a write is in flight leave in the next write, so a
    // busy gateway makes one write per burst rather than one per request. pino flushes
    // what is pending when the process exits.
    pino.destination({ dest: 1, sync: false }),
  );
}

/** Adapts pino to Nest's logger interface so framework messages are JSON too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }

  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }

  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }

  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
