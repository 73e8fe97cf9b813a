import type { ErrorCode } from '@gerbang/contracts';
import { ERROR_STATUS, errorHeaders, rawResponse, safeMessage, totalPages, type WireFormat } from './wire-format.js';

/** The `error` strings of spec/retribusi-api.md "Error Responses", by code. */
const ERROR_NAME: Record<ErrorCode, string> = {
  validation_failed: 'validation_error',
  malformed_request: 'bad_request',
  unauthenticated: 'unauthorized',
  invalid_credentials: 'unauthorized',
  forbidden: 'forbidden',
  account_inactive: 'forbidden',
  account_locked: 'too_many_requests',
  password_change_required: 'forbidden',
  not_found: 'not_found',
  route_not_found: 'not_found',
  conflict: 'conflict',
  payload_too_large: 'payload_too_large',
  unsupported_media_type: 'unsupported_media_type',
  rate_limited: 'too_many_requests',
  invalid_client: 'unauthorized',
  invalid_grant: 'bad_request',
  unsupported_grant_type: 'bad_request',
  invalid_scope: 'bad_request',
  service_unavailable: 'service_unavailable',
  service_timeout: 'gateway_timeout',
  internal: 'server_error',
};

/**
 * retribusi: `{success, data, meta?, timestamp}`; errors `{error, message}`; validation
 * `{error: "validation_error", fields: {field: message}}` (first message per field).
 */
export const retribusiFormat: WireFormat = {
  success(reply, context) {
    const raw = rawResponse(reply);
    if (raw) return raw;
    const timestamp = Math.floor((context.now ?? Date.now()) / 1000);
    const meta = reply.page ? { meta: { page: reply.page.page, limit: reply.page.limit, total: reply.page.total, pages: totalPages(reply.page) } } : {};
    return { status: reply.status ?? 200, body: { success: true, data: reply.data ?? null, ...meta, timestamp }, headers: reply.headers };
  },
  error(error, _context) {
    const status = ERROR_STATUS[error.code];
    if (error.code === 'validation_failed') {
      const fields: Record<string, string> = {};
      for (const field of error.fields ?? []) fields[field.field] ??= field.message;
      return { status, body: { error: 'validation_error', fields }, headers: errorHeaders(error) };
    }
    return { status, body: { error: ERROR_NAME[error.code], message: safeMessage(error, 'Internal server error') }, headers: errorHeaders(error) };
  },
};
