import type { ErrorCode, PageMeta, Product, RouteDefinition, ServiceError, ServiceReply } from '@gerbang/contracts';

/** What a formatter knows about the HTTP exchange it renders. */
export interface WireContext {
  product: Product;
  /** The matched route, when there is one (absent for 404 and edge errors before routing). */
  route?: RouteDefinition;
  /** Path as the client called it, without the query string. */
  path: string;
  /** Absolute URL of the request (for links such as DRF-style `next`). */
  url: string;
  requestId: string;
  /** Unix milliseconds of the response, injectable for tests. */
  now?: number;
}

/** A rendered HTTP response. */
export interface WireResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  contentType?: string;
}

/** One product's envelope and error shapes, exactly as its document writes them. */
export interface WireFormat {
  success(reply: ServiceReply, context: WireContext): WireResponse;
  error(error: ServiceError, context: WireContext): WireResponse;
}

/**
 * HTTP status per error code shared by every product; a format overrides the few its
 * document sets otherwise. A Record, so a new ErrorCode fails to compile until mapped.
 */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  validation_failed: 422,
  malformed_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  account_inactive: 403,
  account_locked: 429,
  password_change_required: 403,
  not_found: 404,
  route_not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  invalid_client: 401,
  invalid_grant: 400,
  unsupported_grant_type: 400,
  invalid_scope: 400,
  service_unavailable: 503,
  service_timeout: 504,
  internal: 500,
};

export const STATUS_TITLE: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function statusTitle(status: number): string {
  return STATUS_TITLE[status] ?? 'Error';
}

export function totalPages(page: PageMeta): number {
  return page.limit > 0 ? Math.ceil(page.total / page.limit) : 0;
}

/** Headers every error carries: Retry-After for rate limits and lockouts. */
export function errorHeaders(error: ServiceError): Record<string, string> | undefined {
  return error.retryAfterSeconds !== undefined ? { 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterSeconds))) } : undefined;
}

/** Unknown failures never show their message: only a generic text and the request id. */
export function safeMessage(error: ServiceError, generic: string): string {
  return error.code === 'internal' ? generic : error.message;
}

/** Groups field errors as `{field: [messages]}` (Laravel and DRF style). */
export function fieldMessageLists(error: ServiceError): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const field of error.fields ?? []) (grouped[field.field] ??= []).push(field.message);
  return grouped;
}

/** A raw reply (a body fixed by another standard) passes through untouched. */
export function rawResponse(reply: ServiceReply): WireResponse | null {
  return reply.raw === undefined ? null : { status: reply.status ?? 200, body: reply.raw, headers: reply.headers };
}
