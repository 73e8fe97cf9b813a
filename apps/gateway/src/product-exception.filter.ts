import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { ServiceError } from '@gerbang/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { edgeError } from './edge-errors.js';
import type { ResponseRenderer } from './response-renderer.js';

/**
 * Everything that fails outside a route handler (unknown route, body too large, bad JSON,
 * unsupported content type, rate limit) is rendered in the format of the product the URL
 * belongs to. Nothing internal reaches the client.
 */
@Catch()
export class ProductExceptionFilter implements ExceptionFilter {
  constructor(
    private readonly renderer: ResponseRenderer,
    private readonly logger: Logger,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const error = exception instanceof HttpException ? fromHttpException(exception) : edgeError(exception);
    if (error.code === 'internal') this.logger.error({ err: exception, requestId: request.id }, 'unhandled gateway error');
    const retryAfter = reply.getHeader('retry-after');
    if (error.code === 'rate_limited' && retryAfter !== undefined) error.retryAfterSeconds = Number(retryAfter);
    this.renderer.sendError(request, reply, error);
  }
}

function fromHttpException(exception: HttpException): ServiceError {
  const status = exception.getStatus();
  if (status === 404) return { code: 'route_not_found', message: 'Resource not found' };
  return edgeError({ statusCode: status });
}
