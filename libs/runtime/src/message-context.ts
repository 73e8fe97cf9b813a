import { MESSAGE_HEADERS, decodePrincipalHeader, type Principal } from '@gerbang/contracts';
import type { NatsContext } from '@nestjs/microservices';
import type { RequestContext } from './request-context.js';
import { formatTraceparent, parseTraceparent } from './trace-context.js';

/** What a handler knows about the HTTP request behind a message, read from NATS headers. */
export interface MessageMeta {
  requestId: string;
  principal: Principal | null;
  clientIp: string | null;
  userAgent: string | null;
  traceparent: string | null;
}

interface HeaderReader {
  get(name: string): string;
}

export function readMessageMeta(context: NatsContext): MessageMeta {
  const headers = context.getHeaders() as HeaderReader | undefined;
  const read = (name: string): string | null => (headers ? headers.get(name) || null : null);
  return {
    requestId: read(MESSAGE_HEADERS.requestId) ?? 'none',
    principal: decodePrincipalHeader<Principal>(read(MESSAGE_HEADERS.principal) ?? undefined),
    clientIp: read(MESSAGE_HEADERS.clientIp),
    userAgent: read(MESSAGE_HEADERS.userAgent),
    traceparent: read(MESSAGE_HEADERS.traceparent),
  };
}

/** The context a handler runs in for the request behind `meta` (request id and trace on every log line). */
export function handlerContext(meta: MessageMeta): RequestContext {
  const trace = parseTraceparent(meta.traceparent);
  return { requestId: meta.requestId, traceId: trace?.traceId, traceparent: trace ? formatTraceparent(trace) : undefined };
}
