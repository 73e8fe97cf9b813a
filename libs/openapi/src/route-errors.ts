import { AUTH_SUBJECTS, type FieldError, type RouteDefinition } from '@gerbang/contracts';
import type { DocumentedError } from './error-formats.js';

export interface RouteErrorOptions {
  /** The gateway rate-limits every route (not only those with their own `rateLimit`). */
  rateLimitedEverywhere?: boolean;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

export const routeTakesBody = (route: RouteDefinition): boolean => BODY_METHODS.has(route.method) || route.requestSchema !== undefined;

export const pathParameterNames = (path: string): string[] => [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1] as string);

/** A field a validation example can blame: the first required body field, else a body property, a query or a path parameter. */
function exampleInvalidField(route: RouteDefinition): FieldError | undefined {
  const schema = route.requestSchema;
  const properties = (schema?.properties as Record<string, { type?: unknown }> | undefined) ?? {};
  const required = Array.isArray(schema?.required) ? (schema.required as unknown[]).filter((name): name is string => typeof name === 'string') : [];
  if (required[0]) return { field: required[0], message: 'Field is required', constraint: 'isNotEmpty', value: '' };
  const [property, propertySchema] = Object.entries(properties)[0] ?? [];
  if (property) {
    const type = typeof propertySchema?.type === 'string' ? propertySchema.type : undefined;
    if (!type) return { field: property, message: 'Invalid value', constraint: 'isValid', value: null };
    const article = /^[aeiou]/.test(type) ? 'an' : 'a';
    return { field: property, message: `Must be ${article} ${type}`, constraint: `is${type.charAt(0).toUpperCase()}${type.slice(1)}`, value: null };
  }
  const query = route.queryParameters?.find((parameter) => parameter.required) ?? route.queryParameters?.[0];
  if (query)
    return {
      field: query.name,
      message: query.required ? 'Field is required' : 'Invalid value',
      constraint: query.required ? 'isNotEmpty' : 'matches',
      value: '',
    };
  const pathParameter = pathParameterNames(route.path)[0];
  if (pathParameter) return { field: pathParameter, message: 'Invalid value', constraint: 'matches', value: '!' };
  return undefined;
}

function accessErrors(route: RouteDefinition): DocumentedError[] {
  const access = route.access;
  switch (access.kind) {
    case 'public':
      if (route.subject !== AUTH_SUBJECTS.login) return [];
      return [
        { name: 'invalid_credentials', code: 'invalid_credentials', summary: 'Wrong username or password', message: 'Invalid credentials' },
        { name: 'account_inactive', code: 'account_inactive', summary: 'The account is inactive', message: 'User inactive' },
        {
          name: 'account_locked',
          code: 'account_locked',
          summary: 'Too many failed logins: the account is locked for a while',
          message: 'Too many failed login attempts, try again later',
          retryAfterSeconds: 900,
        },
      ];
    case 'user': {
      const errors: DocumentedError[] = [
        { name: 'missing_token', code: 'unauthenticated', summary: 'Missing, invalid, expired or revoked token', message: 'Invalid or expired token' },
      ];
      if (access.roles?.length || access.permission) {
        errors.push({ name: 'forbidden', code: 'forbidden', summary: 'The active role may not call this operation', message: 'Insufficient permissions' });
      }
      if (!access.allowPasswordChangePending) {
        errors.push({
          name: 'password_change_required',
          code: 'password_change_required',
          summary: 'The user must replace the issued default password first',
          message: 'Password change required',
        });
      }
      return errors;
    }
    case 'api-key':
      return [
        { name: 'missing_api_key', code: 'unauthenticated', summary: `No ${access.header.toUpperCase()} header`, message: 'Missing API key' },
        { name: 'invalid_api_key', code: 'unauthenticated', summary: 'Unknown, revoked or expired API key', message: 'Invalid API key' },
        {
          name: 'api_key_forbidden',
          code: 'forbidden',
          summary: `The key lacks scope ${access.scope} or the client IP is not allowed`,
          message: 'API key not allowed',
        },
      ];
    case 'client':
      return [
        { name: 'invalid_client_token', code: 'unauthenticated', summary: 'Missing, invalid or expired access token', message: 'Invalid or expired token' },
        { name: 'insufficient_scope', code: 'forbidden', summary: `The token lacks scope ${access.scope}`, message: 'Insufficient scope' },
      ];
  }
}

/** The OAuth 2.0 token endpoint's own errors (RFC 6749 section 5.2). */
const OAUTH_TOKEN_ERRORS: DocumentedError[] = [
  { name: 'invalid_request', code: 'validation_failed', summary: 'A required parameter is missing', message: 'grant_type is required' },
  {
    name: 'unsupported_grant_type',
    code: 'unsupported_grant_type',
    summary: 'A grant other than client_credentials',
    message: 'Only client_credentials is supported',
  },
  {
    name: 'invalid_scope',
    code: 'invalid_scope',
    summary: 'A scope the client may not ask for',
    message: 'The requested scope is not allowed for this client',
  },
  { name: 'invalid_client', code: 'invalid_client', summary: 'Unknown client or wrong secret', message: 'Client authentication failed' },
];

/**
 * The errors a route can answer with, derived from what the gateway and the service do
 * for it: body parsing, validation, its access rule, lookups by path parameter, writes,
 * rate limits and the NATS hop.
 */
export function documentedErrors(route: RouteDefinition, options: RouteErrorOptions = {}): DocumentedError[] {
  const errors: DocumentedError[] = [];
  const takesBody = routeTakesBody(route);
  const isTokenEndpoint = route.subject === AUTH_SUBJECTS.clientToken;
  const contentTypes = route.contentTypes ?? ['application/json'];

  if (takesBody) errors.push({ name: 'malformed_request', code: 'malformed_request', summary: 'The body cannot be parsed', message: 'Malformed request body' });
  if (isTokenEndpoint) {
    errors.push(...OAUTH_TOKEN_ERRORS);
  } else {
    const field = exampleInvalidField(route);
    if (field) errors.push({ name: 'validation_failed', code: 'validation_failed', summary: 'Invalid input', message: 'Validation failed', fields: [field] });
  }
  errors.push(...accessErrors(route));
  if (pathParameterNames(route.path).length > 0) {
    errors.push({ name: 'not_found', code: 'not_found', summary: 'No such resource', message: 'Resource not found' });
  }
  if (BODY_METHODS.has(route.method) && !route.subject.startsWith('auth.')) {
    errors.push({ name: 'conflict', code: 'conflict', summary: 'The resource already exists or changed meanwhile', message: 'Resource already exists' });
  }
  if (takesBody) {
    errors.push(
      { name: 'payload_too_large', code: 'payload_too_large', summary: 'The body exceeds the gateway limit', message: 'Request body too large' },
      {
        name: 'unsupported_media_type',
        code: 'unsupported_media_type',
        summary: `A Content-Type other than ${contentTypes.join(' or ')}`,
        message: `Unsupported content type, use ${contentTypes.join(' or ')}`,
      },
    );
  }
  if (route.rateLimit || options.rateLimitedEverywhere) {
    errors.push({
      name: 'rate_limited',
      code: 'rate_limited',
      summary: route.rateLimit
        ? `More than ${route.rateLimit.max} requests in ${route.rateLimit.windowSeconds} s from one client IP`
        : 'Too many requests from one client',
      message: 'Too many requests',
      retryAfterSeconds: route.rateLimit?.windowSeconds ?? 60,
    });
  }
  errors.push(
    { name: 'internal', code: 'internal', summary: 'Unexpected server error', message: 'Internal server error' },
    { name: 'service_unavailable', code: 'service_unavailable', summary: 'The service behind the gateway is down', message: 'Service unavailable' },
    { name: 'service_timeout', code: 'service_timeout', summary: 'The service behind the gateway did not answer in time', message: 'Service timed out' },
  );
  return errors;
}
