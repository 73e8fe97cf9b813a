import { Catch, Inject, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import type { ServiceError } from '@gerbang/contracts';
import type { Logger } from 'pino';
import { throwError, type Observable } from 'rxjs';
import { DomainError } from './domain-error.js';
import { LOGGER } from './tokens.js';

/**
 * Turns whatever a handler throws into a ServiceError for the gateway. Domain errors keep
 * their code; anything else is logged here with its stack and leaves as a bare `internal`
 * so no internals reach a client.
 */
@Catch()
export class ServiceErrorFilter implements RpcExceptionFilter<unknown> {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, _host: ArgumentsHost): Observable<ServiceError> {
    if (exception instanceof DomainError) return throwError(() => exception.toServiceError());
    if (exception instanceof RpcException) {
      const error = exception.getError();
      if (typeof error === 'object' && error !== null && 'code' in error) return throwError(() => error as ServiceError);
    }
    this.logger.error({ err: exception }, 'unhandled error in message handler');
    return throwError(() => ({ code: 'internal', message: 'Internal server error' }) satisfies ServiceError);
  }
}
