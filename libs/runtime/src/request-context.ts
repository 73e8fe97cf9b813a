import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request facts every log line carries (request id, trace id). */
export interface RequestContext {
  requestId: string;
  traceId?: string;
  /** The W3C traceparent of the current span, parent of any outgoing call. */
  traceparent?: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
