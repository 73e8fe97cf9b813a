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
