/**
 * Error codes a service may answer with. Every product's wire formatter maps each code
 * to an HTTP status and body through a Record<ErrorCode, ...>, so adding a code here
 * fails to compile until every product maps it.
 */
export const ERROR_CODES = [
  'validation_failed',
  'malformed_request',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'account_inactive',
  'account_locked',
  'password_change_required',
  'not_found',
  'route_not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'invalid_client',
  'invalid_grant',
  'unsupported_grant_type',
  'invalid_scope',
  'service_unavailable',
  'service_timeout',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One invalid input field. `constraint` names the rule that failed (class-validator style). */
export interface FieldError {
  field: string;
  message: string;
  constraint?: string;
  value?: unknown;
}

/** The error body a service sends back over NATS; the gateway renders it per product. */
export interface ServiceError {
  code: ErrorCode;
  message: string;
  fields?: FieldError[];
  /** Seconds a client should wait (rate limits, lockouts). */
  retryAfterSeconds?: number;
  /** A product's own error code where its document names one (isp billing `error_code`). */
  productCode?: string;
}

export function isServiceError(value: unknown): value is ServiceError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ServiceError).code === 'string' &&
    (ERROR_CODES as readonly string[]).includes((value as ServiceError).code) &&
    typeof (value as ServiceError).message === 'string'
  );
}
