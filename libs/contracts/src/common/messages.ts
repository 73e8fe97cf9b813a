import type { ServiceError } from './error-codes.js';

/** What the gateway sends to a service for one HTTP request. */
export interface ServiceRequest<TBody = unknown> {
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  body: TBody;
  /** Request headers a handler may need (lower-cased), e.g. idempotency-key, authorization. */
  headers: Record<string, string>;
}

/** Pagination facts a list answer carries; each wire format renders them its own way. */
export interface PageMeta {
  page: number;
  limit: number;
  total: number;
}

/**
 * What a service answers. `data` is the payload the product envelope wraps; `page` marks a
 * list. `raw` bypasses the product envelope (for bodies fixed by another standard, such as
 * an OAuth 2.0 token response).
 */
export interface ServiceReply<T = unknown> {
  status?: number;
  data?: T;
  page?: PageMeta;
  message?: string;
  raw?: unknown;
  headers?: Record<string, string>;
}

/** The reply of every app's health subject. */
export interface HealthReply {
  app: string;
  status: 'ok' | 'degraded';
  database: boolean;
  uptimeSeconds: number;
}

/**
 * One HTTP request inside a coalesced message: the ServiceRequest plus what the NATS headers
 * of a lone request would have carried (see RouteDefinition.coalescedSubject).
 */
export interface CoalescedItem {
  requestId: string;
  clientIp: string | null;
  userAgent: string | null;
  traceparent: string | null;
  /** encodePrincipalHeader of the caller, when the route has one. */
  principal: string | null;
  request: ServiceRequest;
}

/** Requests to one route that reached one gateway together, sent as one message. */
export interface CoalescedRequest {
  items: CoalescedItem[];
}

/** What one coalesced item got: exactly the reply or the error a lone request would have got. */
export type CoalescedOutcome = { reply: ServiceReply } | { error: ServiceError };

/** The answer to a CoalescedRequest: one outcome per item, in the items' order. */
export interface CoalescedReply {
  outcomes: CoalescedOutcome[];
}
