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
    const error = toServiceError(exception, this.logger);
    return throwError(() => error);
  }
}

/** A handler's failure as the ServiceError the gateway renders; anything unexpected is logged and answered as `internal`. */
export function toServiceError(exception: unknown, logger: Logger): ServiceError {
  if (exception instanceof DomainError) return exception.toServiceError();
  if (exception instanceof RpcException) {
    const error = exception.getError();
    if (typeof error === 'object' && error !== null && 'code' in error) return error as ServiceError;
  }
  logger.error({ err: exception }, 'unhandled error in message handler');
  return { code: 'internal', message: 'Internal server error' };
}
