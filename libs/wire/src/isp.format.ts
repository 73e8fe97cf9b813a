import type { ErrorCode, RouteDefinition } from '@gerbang/contracts';
import { ERROR_STATUS, errorHeaders, fieldMessageLists, rawResponse, safeMessage, type WireFormat } from './wire-format.js';

/** The partner billing API: routes keyed by X-MYWIFI-KEY answer `{status:false, error_code, message}`. */
export function isBillingPartnerRoute(route: RouteDefinition | undefined): boolean {
  return route?.access.kind === 'api-key' && route.access.header.toLowerCase() === 'x-mywifi-key';
}

/** Billing API error codes (upper snake case, as the document's examples). */
const BILLING_ERROR_CODE: Record<ErrorCode, string> = {
  validation_failed: 'VALIDATION_ERROR',
  malformed_request: 'BAD_REQUEST',
  unauthenticated: 'API_KEY_MISSING',
  invalid_credentials: 'API_KEY_INVALID',
  forbidden: 'API_KEY_FORBIDDEN',
  account_inactive: 'API_KEY_FORBIDDEN',
  account_locked: 'TOO_MANY_REQUESTS',
  password_change_required: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  route_not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  payload_too_large: 'PAYLOAD_TOO_LARGE',
  unsupported_media_type: 'UNSUPPORTED_MEDIA_TYPE',
  rate_limited: 'TOO_MANY_REQUESTS',
  invalid_client: 'API_KEY_INVALID',
  invalid_grant: 'BAD_REQUEST',
  unsupported_grant_type: 'BAD_REQUEST',
  invalid_scope: 'API_KEY_FORBIDDEN',
  service_unavailable: 'SERVICE_UNAVAILABLE',
  service_timeout: 'GATEWAY_TIMEOUT',
  internal: 'INTERNAL_ERROR',
};

/** Laravel's wording, which the isp document's clients already parse. */
const LARAVEL_MESSAGE: Partial<Record<ErrorCode, string>> = {
  validation_failed: 'The given data was invalid.',
  unauthenticated: 'Unauthenticated.',
  route_not_found: 'Not Found.',
};

/**
 * isp: the service shapes each documented body itself (`{status, message, ...}`, token
 * responses, lists), so success is the data as is. Errors: `{message}` / `{message,
 * errors: {field: [...]}}` (Laravel), and `{status:false, error_code, message}` for the
 * partner billing API. The billing API answers a missing key with 400 as documented.
 */
export const ispFormat: WireFormat = {
  success(reply) {
    const raw = rawResponse(reply);
    if (raw) return raw;
    return { status: reply.status ?? 200, body: reply.data ?? null, headers: reply.headers };
  },
  error(error, context) {
    const message = safeMessage(error, 'Server Error');
    if (isBillingPartnerRoute(context.route)) {
      const status = error.code === 'unauthenticated' ? 400 : ERROR_STATUS[error.code];
      const errorCode = error.productCode ?? BILLING_ERROR_CODE[error.code];
      return { status, body: { status: false, error_code: errorCode, message }, headers: errorHeaders(error) };
    }
    const status = ERROR_STATUS[error.code];
    if (error.code === 'validation_failed') {
      return { status, body: { message: LARAVEL_MESSAGE.validation_failed, errors: fieldMessageLists(error) }, headers: errorHeaders(error) };
    }
    return { status, body: { message: LARAVEL_MESSAGE[error.code] ?? message }, headers: errorHeaders(error) };
  },
};
