import type { ErrorCode, FieldError, Product, RouteDefinition, ServiceError } from '@gerbang/contracts';
import type { JsonSchema } from './openapi-types.js';

/** One error a route can answer with, as the OpenAPI document shows it. */
export interface DocumentedError extends ServiceError {
  /** Stable name of the situation (the example's key), e.g. `missing_api_key`. */
  name: string;
  /** One line shown above the example. */
  summary: string;
}

export interface ErrorRenderContext {
  product: Product;
  route: RouteDefinition;
  /** The path as a client calls it through the gateway (prefix included), e.g. `/crm/v1/users/{id}`. */
  path: string;
}

export interface RenderedError {
  status: number;
  body: unknown;
  /** Response headers worth documenting, by name: their description. */
  headers?: Record<string, string>;
}

/**
 * How one product writes errors on the wire. The defaults follow the contract documents;
 * the gateway may pass its own (built on its wire formatters) so the examples are exactly
 * what it sends.
 */
export interface ErrorFormat {
  /** How the product reports errors, for the document's description (Markdown). */
  description: string;
  contentType: string;
  /** Name of the error body's schema under components.schemas. */
  schemaName: string;
  schema: JsonSchema;
  render(error: DocumentedError, context: ErrorRenderContext): RenderedError;
}

/** Statuses every product shares; formats override the few their documents set otherwise. */
const COMMON_STATUS: Record<ErrorCode, number> = {
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

export const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const statusText = (status: number): string => STATUS_TEXT[status] ?? 'Error';

const retryAfterHeader = (error: DocumentedError): Record<string, string> | undefined =>
  error.retryAfterSeconds === undefined ? undefined : { 'Retry-After': 'Seconds to wait before trying again.' };

/** Messages of the Indonesian-language documents (isp, autogate), by situation name. */
const INDONESIAN_MESSAGES: Record<string, string> = {
  missing_token: 'Token tidak valid atau sudah kedaluwarsa.',
  invalid_client_token: 'Token tidak valid atau sudah kedaluwarsa.',
  missing_api_key: 'API key tidak dikirim.',
  invalid_api_key: 'API key tidak valid.',
  api_key_forbidden: 'API key atau IP tidak diizinkan.',
  forbidden: 'Akses ditolak.',
  insufficient_scope: 'Scope token tidak mencukupi.',
  password_change_required: 'Password harus diganti terlebih dahulu.',
  invalid_credentials: 'Email atau password tidak sesuai.',
  account_inactive: 'Akun tidak aktif.',
  account_locked: 'Akun dikunci sementara karena terlalu banyak percobaan login.',
  not_found: 'Data tidak ditemukan.',
  conflict: 'Data sudah ada.',
  malformed_request: 'Body request bukan JSON yang valid.',
  validation_failed: 'Validasi gagal.',
  payload_too_large: 'Ukuran body request terlalu besar.',
  unsupported_media_type: 'Content-Type tidak didukung.',
  rate_limited: 'Terlalu banyak request. Coba lagi nanti.',
  internal: 'Terjadi error internal server.',
  service_unavailable: 'Layanan sedang tidak tersedia.',
  service_timeout: 'Layanan tidak merespons tepat waktu.',
};

const indonesian = (error: DocumentedError): string => INDONESIAN_MESSAGES[error.name] ?? error.message;
const indonesianFieldMessage = (field: FieldError): string => (field.constraint === 'isNotEmpty' ? `${field.field} wajib diisi.` : field.message);

/** spec/retribusi-api.md "Error Responses": `{error, message}`, 422 `{error: "validation_error", fields}`. */
const RETRIBUSI_ERROR_NAMES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  500: 'server_error',
  503: 'service_unavailable',
  504: 'gateway_timeout',
};

export const RETRIBUSI_ERROR_FORMAT: ErrorFormat = {
  description:
    'Errors answer `{"error": "<code>", "message": "..."}`; validation errors answer 422 with `{"error": "validation_error", "fields": {"<field>": "<message>"}}`.',
  contentType: 'application/json',
  schemaName: 'Error',
  schema: {
    type: 'object',
    required: ['error'],
    properties: {
      error: { type: 'string', example: 'not_found' },
      message: { type: 'string', example: 'Resource not found' },
      fields: { type: 'object', additionalProperties: { type: 'string' }, description: 'Validation errors by field (422 only).' },
    },
  },
  render(error) {
    const status = COMMON_STATUS[error.code];
    if (error.code === 'validation_failed') {
      const fields = Object.fromEntries((error.fields ?? []).map((field) => [field.field, field.message]));
      return { status, body: { error: 'validation_error', fields } };
    }
    return { status, body: { error: RETRIBUSI_ERROR_NAMES[status] ?? 'error', message: error.message }, headers: retryAfterHeader(error) };
  },
};

/** spec/crm-batubara-niaga-api.md "ERROR RESPONSE": problem details, validation at 400. */
export const CRM_ERROR_FORMAT: ErrorFormat = {
  description:
    'Errors answer problem details `{"type", "title", "status", "detail", "instance", "errors": [{"field", "message", "constraint", "value"}], "time"}`; validation errors answer 400.',
  contentType: 'application/problem+json',
  schemaName: 'ProblemDetails',
  schema: {
    type: 'object',
    required: ['type', 'title', 'status', 'detail'],
    properties: {
      type: { type: 'string', example: 'https://httpstatuses.io/400' },
      title: { type: 'string', example: 'Bad Request' },
      status: { type: 'integer', example: 400 },
      detail: { type: 'string' },
      instance: { type: 'string', example: '/v1/people' },
      errors: {
        type: 'array',
        items: {
          type: 'object',
          required: ['field', 'message'],
          properties: { field: { type: 'string' }, message: { type: 'string' }, constraint: { type: 'string' }, value: { description: 'The rejected value.' } },
        },
      },
      time: { type: 'string', format: 'date-time' },
    },
  },
  render(error, context) {
    const status = error.code === 'validation_failed' ? 400 : COMMON_STATUS[error.code];
    const body: Record<string, unknown> = {
      type: `https://httpstatuses.io/${status}`,
      title: statusText(status),
      status,
      detail: error.message,
      instance: context.path,
    };
    if (error.fields?.length) {
      body.errors = error.fields.map((field) => ({ field: field.field, message: field.message, constraint: field.constraint ?? '', value: field.value ?? '' }));
    }
    body.time = '2025-05-07T09:00:39.491+07:00';
    return { status, body, headers: retryAfterHeader(error) };
  },
};

/** Error codes of the partner billing API (spec/isp-billing-api.md "Billing (API Key)"). */
const ISP_PARTNER_ERROR_CODES: Record<string, string> = {
  missing_api_key: 'API_KEY_MISSING',
  invalid_api_key: 'API_KEY_INVALID',
  api_key_forbidden: 'API_KEY_FORBIDDEN',
  validation_failed: 'VALIDATION_ERROR',
};

/** Laravel-style words the ISP document puts in `status` for 403/404/409. */
const ISP_STATUS_WORDS: Record<number, string> = { 403: 'forbidden', 404: 'not_found', 409: 'conflict' };

const fieldListMap = (fields: FieldError[] | undefined): Record<string, string[]> => {
  const map: Record<string, string[]> = {};
  for (const field of fields ?? []) (map[field.field] ??= []).push(indonesianFieldMessage(field));
  return map;
};

/**
 * spec/isp-billing-api.md: `{message}`, 422 `{message, errors: {field: [...]}}`, login
 * failures are 422 on `email`; the partner billing API (API key routes) answers
 * `{status: false, error_code, message}` with 400 for a missing key and 403 for a refused one.
 */
export const ISP_ERROR_FORMAT: ErrorFormat = {
  description:
    'Errors answer `{"message": "..."}` (with a `status` word for 403, 404, 409 and 5xx); validation errors answer 422 with `{"message": "The given data was invalid.", "errors": {"<field>": ["..."]}}`. The partner billing API (API key) answers `{"status": false, "error_code": "...", "message": "..."}`, 400 when the key is missing and 403 when it is refused.',
  contentType: 'application/json',
  schemaName: 'Error',
  schema: {
    type: 'object',
    required: ['message'],
    properties: {
      status: { description: '`false` on the partner billing API; elsewhere a word such as `not_found`, `forbidden`, `conflict` or `error`.' },
      error_code: { type: 'string', description: 'Partner billing API only.', example: 'NO_SERVICES_NOT_REGISTERED' },
      message: { type: 'string' },
      errors: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
    },
  },
  render(error, context) {
    const message = indonesian(error);
    if (context.route.access.kind === 'api-key') {
      const status = error.name === 'missing_api_key' ? 400 : error.name === 'invalid_api_key' ? 403 : COMMON_STATUS[error.code];
      const body: Record<string, unknown> = { status: false, error_code: ISP_PARTNER_ERROR_CODES[error.name] ?? error.code.toUpperCase(), message };
      if (error.fields?.length) body.errors = fieldListMap(error.fields);
      return { status, body, headers: retryAfterHeader(error) };
    }
    if (error.code === 'invalid_credentials') {
      return { status: 422, body: { message: 'The given data was invalid.', errors: { email: [message] } } };
    }
    const status = COMMON_STATUS[error.code];
    if (error.code === 'validation_failed') return { status, body: { message: 'The given data was invalid.', errors: fieldListMap(error.fields) } };
    if (status === 401) return { status, body: { message: 'Unauthenticated.' } };
    const word = ISP_STATUS_WORDS[status] ?? (status >= 500 ? 'error' : undefined);
    return { status, body: word ? { status: word, message } : { message }, headers: retryAfterHeader(error) };
  },
};

/** The QR document is a Django REST framework API: `{detail}`, validation 400 `{field: [...]}`. */
export const QR_ERROR_FORMAT: ErrorFormat = {
  description: 'Errors answer `{"detail": "..."}`; validation errors answer 400 with `{"<field>": ["..."]}`.',
  contentType: 'application/json',
  schemaName: 'Error',
  schema: {
    type: 'object',
    properties: { detail: { type: 'string', example: 'Not found.' } },
    additionalProperties: { type: 'array', items: { type: 'string' }, description: 'Validation errors by field (400).' },
  },
  render(error) {
    if (error.code === 'validation_failed') {
      const body: Record<string, string[]> = {};
      for (const field of error.fields ?? []) (body[field.field] ??= []).push(field.message);
      return { status: 400, body: Object.keys(body).length ? body : { non_field_errors: [error.message] } };
    }
    return { status: COMMON_STATUS[error.code], body: { detail: error.message }, headers: retryAfterHeader(error) };
  },
};

/** The autogate document is a NestJS API answering `{message, data}`; its errors follow NestJS: `{statusCode, message, error}`. */
export const AUTOGATE_ERROR_FORMAT: ErrorFormat = {
  description: 'Errors answer `{"statusCode": <status>, "message": "...", "error": "<reason>"}`; validation errors answer 400 with `message` as a list.',
  contentType: 'application/json',
  schemaName: 'Error',
  schema: {
    type: 'object',
    required: ['statusCode', 'message'],
    properties: {
      statusCode: { type: 'integer', example: 404 },
      message: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], description: 'A list of messages for validation errors.' },
      error: { type: 'string', example: 'Not Found' },
    },
  },
  render(error) {
    const status = error.code === 'validation_failed' ? 400 : COMMON_STATUS[error.code];
    const message = error.code === 'validation_failed' && error.fields?.length ? error.fields.map(indonesianFieldMessage) : indonesian(error);
    return { status, body: { statusCode: status, message, error: statusText(status) }, headers: retryAfterHeader(error) };
  },
};

export const DEFAULT_ERROR_FORMATS: Record<Product, ErrorFormat> = {
  retribusi: RETRIBUSI_ERROR_FORMAT,
  crm: CRM_ERROR_FORMAT,
  isp: ISP_ERROR_FORMAT,
  qr: QR_ERROR_FORMAT,
  autogate: AUTOGATE_ERROR_FORMAT,
};

const OAUTH_ERROR_NAMES: Partial<Record<ErrorCode, string>> = {
  invalid_client: 'invalid_client',
  invalid_grant: 'invalid_grant',
  unsupported_grant_type: 'unsupported_grant_type',
  invalid_scope: 'invalid_scope',
  validation_failed: 'invalid_request',
  malformed_request: 'invalid_request',
};

/** Whether an error on the OAuth token endpoint is answered in RFC 6749's own format. */
export const isOAuthError = (code: ErrorCode): boolean => OAUTH_ERROR_NAMES[code] !== undefined;

/** RFC 6749 section 5.2, for token endpoints whatever the product. */
export const OAUTH_ERROR_FORMAT: ErrorFormat = {
  description: 'The token endpoint answers RFC 6749 errors `{"error": "<code>", "error_description": "..."}`.',
  contentType: 'application/json',
  schemaName: 'OAuthError',
  schema: {
    type: 'object',
    required: ['error'],
    properties: {
      error: { type: 'string', enum: ['invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope'] },
      error_description: { type: 'string' },
    },
  },
  render(error) {
    const status = error.code === 'validation_failed' || error.code === 'malformed_request' ? 400 : COMMON_STATUS[error.code];
    const headers = status === 401 ? { 'WWW-Authenticate': 'Sent when the client authenticated with HTTP Basic (RFC 6749 section 5.2).' } : undefined;
    return { status, body: { error: OAUTH_ERROR_NAMES[error.code] ?? 'invalid_request', error_description: error.message }, headers };
  },
};
