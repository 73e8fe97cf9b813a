import { childTraceparent, formatTraceparent, type RequestContext } from '@gerbang/runtime';
import type { FastifyRequest } from 'fastify';
import { firstHeader } from './first-header.js';

/**
 * A request's context: its id and a span of the caller's trace (or a new trace). Handlers
 * hold it and pass it on rather than entering AsyncLocalStorage: on Node 20 an entered store
 * makes every promise of the process pay a hook, ~7 % of the gateway's CPU under load.
 */
export function requestContextOf(request: FastifyRequest): RequestContext & { traceparent: string } {
  const traceparent = formatTraceparent(childTraceparent(firstHeader(request.headers.traceparent)));
  return { requestId: String(request.id), traceId: traceparent.split('-')[1], traceparent };
}
