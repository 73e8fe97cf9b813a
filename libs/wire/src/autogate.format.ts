import { ERROR_STATUS, errorHeaders, rawResponse, safeMessage, statusTitle, type WireFormat } from './wire-format.js';

/**
 * autogate: `{message, data}`; errors NestJS style `{statusCode, message, error}` with the
 * field messages as a list for validation (400), which the document's clients receive
 * from the original NestJS service.
 */
export const autogateFormat: WireFormat = {
  success(reply) {
    const raw = rawResponse(reply);
    if (raw) return raw;
    return { status: reply.status ?? 200, body: { message: reply.message ?? 'Sukses', data: reply.data ?? null }, headers: reply.headers };
  },
  error(error) {
    const status = error.code === 'validation_failed' ? 400 : ERROR_STATUS[error.code];
    const message =
      error.code === 'validation_failed' && error.fields?.length ? error.fields.map((field) => field.message) : safeMessage(error, 'Internal server error');
    return { status, body: { statusCode: status, message, error: statusTitle(status) }, headers: errorHeaders(error) };
  },
};
