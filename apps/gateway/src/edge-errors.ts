import type { ServiceError } from '@gerbang/contracts';

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message?: string;
}

/**
 * Maps errors raised by Fastify before a handler runs (body parsing, limits, content
 * types) to service error codes, so they are rendered in the product's format like any
 * other error. Anything unrecognised is `internal`.
 */
export function edgeError(error: unknown): ServiceError {
  const candidate = (typeof error === 'object' && error !== null ? error : {}) as FastifyLikeError;
  switch (candidate.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'payload_too_large', message: 'Request body is too large' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return candidate.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? { code: 'unsupported_media_type', message: 'Unsupported content type' }
        : { code: 'malformed_request', message: 'Invalid Content-Length' };
    case 'FST_ERR_BAD_URL':
      return { code: 'malformed_request', message: 'Malformed request URL' };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { code: 'malformed_request', message: 'Request URL is too long' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { code: 'malformed_request', message: 'Malformed JSON body' };
  }
  if (candidate.statusCode === 429) return { code: 'rate_limited', message: 'Too many requests' };
  if (candidate.statusCode === 413) return { code: 'payload_too_large', message: 'Request body is too large' };
  if (candidate.statusCode === 415) return { code: 'unsupported_media_type', message: 'Unsupported content type' };
  if (candidate.statusCode === 400 || error instanceof SyntaxError) return { code: 'malformed_request', message: 'Malformed request body' };
  if (candidate.statusCode === 404) return { code: 'route_not_found', message: 'Resource not found' };
  return { code: 'internal', message: 'Internal server error' };
}
