import { MESSAGE_HEADERS, decodePrincipalHeader, type Principal } from '@gerbang/contracts';
import type { NatsContext } from '@nestjs/microservices';

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
