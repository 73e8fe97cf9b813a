import { AUTH_SUBJECTS, PRODUCT_PREFIX, ROUTES_BY_PRODUCT, type Product, type RouteAccess, type RouteDefinition } from '@gerbang/contracts';
import { DEFAULT_ERROR_FORMATS, OAUTH_ERROR_FORMAT, STATUS_TEXT, isOAuthError, type ErrorFormat } from './error-formats.js';
import type {
  JsonSchema,
  OpenApiDocument,
  OpenApiMediaType,
  OpenApiMethod,
  OpenApiOperation,
  OpenApiParameter,
  OpenApiResponse,
  OpenApiSecurityScheme,
  OpenApiServer,
} from './openapi-types.js';
import { PRODUCT_INFO } from './product-info.js';
import { documentedErrors, pathParameterNames, routeTakesBody, type RouteErrorOptions } from './route-errors.js';
import { schemaFromExample } from './schema-from-example.js';

export interface OpenApiOptions extends RouteErrorOptions {
  /** info.version of every document (default 1.0.0). */
  version?: string;
  /** Public URL of the gateway, e.g. https://api.example.com (default: server URLs relative to the document). */
  baseUrl?: string;
  /** Products with their own domain, served there without the path prefix: a host name (https assumed) or an origin. */
  hosts?: Partial<Record<Product, string>>;
  /** Error formats replacing the built-in ones, e.g. the gateway's own wire formatters. */
  errorFormats?: Partial<Record<Product, ErrorFormat>>;
}

const BEARER_SCHEME = 'bearerAuth';
const SUCCESS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content' };

/** `/gates/:location_code/:gate_code` becomes `/gates/{location_code}/{gate_code}`. */
export const toOpenApiPath = (path: string): string => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** `auth.session.login.v1` becomes `authSessionLoginV1`. */
export function operationIdFromSubject(subject: string): string {
  const words = subject.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((word, index) => (index === 0 ? word.charAt(0).toLowerCase() : word.charAt(0).toUpperCase()) + word.slice(1)).join('');
}

/** The origin of a host mapping: an origin as given, a bare host name over https. */
export const hostOrigin = (host: string): string => (/^https?:\/\//i.test(host) ? host.replace(/\/+$/, '') : `https://${host}`);

export function productServers(product: Product, options: OpenApiOptions = {}): OpenApiServer[] {
  const prefix = PRODUCT_PREFIX[product];
  const servers: OpenApiServer[] = [];
  const host = options.hosts?.[product];
  if (host) servers.push({ url: hostOrigin(host), description: `${PRODUCT_INFO[product].title} on its own host${prefix ? ` (no ${prefix} prefix)` : ''}` });
  const base = (options.baseUrl ?? '').replace(/\/+$/, '');
  servers.push({ url: `${base}${prefix}` || '/', description: prefix ? `Gerbang gateway, under ${prefix}` : 'Gerbang gateway' });
  return servers;
}

/** One security scheme per API-key header; `apiKey` when the product uses a single header. */
function apiKeySchemeNames(routes: readonly RouteDefinition[]): Map<string, string> {
  const headers = [...new Set(routes.flatMap((route) => (route.access.kind === 'api-key' ? [route.access.header.toLowerCase()] : [])))].sort();
  const pascal = (header: string): string => header.replace(/(^|[^A-Za-z0-9])([A-Za-z0-9])/g, (_match, _separator, letter: string) => letter.toUpperCase());
  return new Map(headers.map((header) => [header, headers.length === 1 ? 'apiKey' : `apiKey${pascal(header)}`]));
}

function accessDescription(product: Product, access: RouteAccess): string {
  switch (access.kind) {
    case 'public':
      return '**Authentication:** none (public).';
    case 'user': {
      let text = `**Authentication:** bearer JWT of a ${product} user.`;
      if (access.roles?.length) text += ` Active role: ${access.roles.join(', ')}.`;
      if (access.permission) text += ` Permission: \`${access.permission}\`.`;
      if (access.allowPasswordChangePending) text += ' Callable while a password change is pending.';
      return text;
    }
    case 'api-key':
      return `**Authentication:** API key in the \`${access.header.toUpperCase()}\` header, with scope \`${access.scope}\`.`;
    case 'client':
      return `**Authentication:** OAuth 2.0 client-credentials bearer token with scope \`${access.scope}\`.`;
  }
}

function operationDescription(route: RouteDefinition): string {
  const parts: string[] = [];
  if (route.description) parts.push(route.description);
  parts.push(accessDescription(route.product, route.access));
  if (route.rateLimit) parts.push(`**Rate limit:** ${route.rateLimit.max} requests per ${route.rateLimit.windowSeconds} seconds per client IP.`);
  return parts.join('\n\n');
}

function operationParameters(route: RouteDefinition): OpenApiParameter[] {
  const names = pathParameterNames(route.path);
  if (new Set(names).size !== names.length) throw new Error(`${route.method} ${route.path}: a path parameter appears twice`);
  for (const documented of Object.keys(route.pathParameters ?? {})) {
    if (!names.includes(documented)) throw new Error(`${route.method} ${route.path}: pathParameters names ${documented}, which the path does not have`);
  }
  const parameters: OpenApiParameter[] = names.map((name) => {
    const doc = route.pathParameters?.[name];
    return withOptional(
      { name, in: 'path', required: true, schema: doc?.schema ?? { type: 'string' } },
      { description: doc?.description, example: doc?.example },
    );
  });
  for (const [location, list] of [
    ['query', route.queryParameters],
    ['header', route.headerParameters],
  ] as const) {
    for (const parameter of list ?? []) {
      parameters.push(
        withOptional(
          { name: parameter.name, in: location, required: parameter.required ?? false, schema: parameter.schema ?? { type: 'string' } },
          { description: parameter.description, example: parameter.example },
        ),
      );
    }
  }
  return parameters;
}

/** Copies the defined values only, so the JSON has no `undefined` holes. */
function withOptional<T extends object>(base: T, optional: Record<string, unknown>): T {
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) result[key] = value;
  return result as T;
}

function successResponse(route: RouteDefinition, status: number): OpenApiResponse {
  const description = SUCCESS_TEXT[status] ?? 'Success';
  if (status === 204) return { description };
  const contentType = route.responseContentType ?? 'application/json';
  const isJson = contentType.includes('json');
  const media: OpenApiMediaType =
    route.responseExample === undefined
      ? { schema: isJson ? { type: 'object' } : { type: 'string' } }
      : { schema: schemaFromExample(route.responseExample), example: route.responseExample };
  return { description, content: { [contentType]: media } };
}

interface ErrorGroup {
  summaries: string[];
  headers: Record<string, string>;
  content: Map<string, { schemaNames: Set<string>; examples: Record<string, { summary: string; value: unknown }> }>;
}

function errorResponses(
  route: RouteDefinition,
  format: ErrorFormat,
  options: OpenApiOptions,
  schemas: Record<string, JsonSchema>,
): Record<string, OpenApiResponse> {
  const isTokenEndpoint = route.subject === AUTH_SUBJECTS.clientToken;
  const context = { product: route.product, route, path: `${PRODUCT_PREFIX[route.product]}${toOpenApiPath(route.path)}` };
  const groups = new Map<number, ErrorGroup>();
  for (const error of documentedErrors(route, options)) {
    const errorFormat = isTokenEndpoint && isOAuthError(error.code) ? OAUTH_ERROR_FORMAT : format;
    const rendered = errorFormat.render(error, context);
    schemas[errorFormat.schemaName] = errorFormat.schema;
    let group = groups.get(rendered.status);
    if (!group) {
      group = { summaries: [], headers: {}, content: new Map() };
      groups.set(rendered.status, group);
    }
    group.summaries.push(error.summary);
    Object.assign(group.headers, rendered.headers);
    let media = group.content.get(errorFormat.contentType);
    if (!media) {
      media = { schemaNames: new Set(), examples: {} };
      group.content.set(errorFormat.contentType, media);
    }
    media.schemaNames.add(errorFormat.schemaName);
    media.examples[error.name] = { summary: error.summary, value: rendered.body };
  }

  const responses: Record<string, OpenApiResponse> = {};
  for (const [status, group] of [...groups].sort(([a], [b]) => a - b)) {
    const content: Record<string, OpenApiMediaType> = {};
    for (const [contentType, media] of group.content) {
      const references = [...media.schemaNames].map((name) => ({ $ref: `#/components/schemas/${name}` }));
      content[contentType] = { schema: references.length === 1 ? (references[0] as JsonSchema) : { oneOf: references }, examples: media.examples };
    }
    const response: OpenApiResponse = { description: `${STATUS_TEXT[status] ?? 'Error'}: ${group.summaries.join('; ')}.`, content };
    const headerNames = Object.keys(group.headers);
    if (headerNames.length) {
      response.headers = Object.fromEntries(
        headerNames.map((name) => [name, { description: group.headers[name] as string, schema: { type: name === 'Retry-After' ? 'integer' : 'string' } }]),
      );
    }
    responses[String(status)] = response;
  }
  return responses;
}

function routeDeclaredResponses(route: RouteDefinition, format: ErrorFormat): Record<string, OpenApiResponse> {
  const responses: Record<string, OpenApiResponse> = {};
  for (const [status, doc] of Object.entries(route.responses ?? {})) {
    const hasBody = doc.schema !== undefined || doc.example !== undefined || doc.examples !== undefined;
    const contentType = doc.contentType ?? (Number(status) >= 400 ? format.contentType : 'application/json');
    const media = withOptional<OpenApiMediaType>(
      {},
      { schema: doc.schema ?? (doc.example !== undefined ? schemaFromExample(doc.example) : undefined), example: doc.example, examples: doc.examples },
    );
    responses[status] = hasBody ? { description: doc.description, content: { [contentType]: media } } : { description: doc.description };
  }
  return responses;
}

function documentDescription(product: Product, routes: readonly RouteDefinition[], format: ErrorFormat, options: OpenApiOptions): string {
  const prefix = PRODUCT_PREFIX[product];
  const host = options.hosts?.[product];
  const parts = [PRODUCT_INFO[product].summary];
  if (routes.length === 0) parts.push('**This API is being ported to Gerbang:** no operation is served yet; this document lists them as they arrive.');
  parts.push(
    `**Served by Gerbang** ${prefix ? `under \`${prefix}\`` : 'at the root'} of the gateway${host ? ` and without prefix at ${hostOrigin(host)}` : ''}.`,
  );
  const kinds = new Set(routes.map((route) => route.access.kind));
  const auth: string[] = [];
  if (kinds.has('user')) auth.push('user operations take `Authorization: Bearer <JWT>` from the login operation');
  if (kinds.has('client')) auth.push('partner operations take an OAuth 2.0 client-credentials bearer token');
  if (kinds.has('api-key')) auth.push('machine operations take an API key header');
  if (auth.length) parts.push(`**Authentication:** ${auth.join('; ')}.`);
  const tokenEndpoint = routes.some((route) => route.subject === AUTH_SUBJECTS.clientToken);
  parts.push(`**Errors:** ${format.description}${tokenEndpoint ? ` ${OAUTH_ERROR_FORMAT.description}` : ''}`);
  return parts.join('\n\n');
}

/**
 * The OpenAPI 3.0.3 document of one product, from its route table. Server URLs carry the
 * product prefix (or the product's own host), so paths stay those of the product's document.
 */
export function buildOpenApiDocument(
  product: Product,
  routes: readonly RouteDefinition[] = ROUTES_BY_PRODUCT[product],
  options: OpenApiOptions = {},
): OpenApiDocument {
  const format = options.errorFormats?.[product] ?? DEFAULT_ERROR_FORMATS[product];
  const apiKeySchemes = apiKeySchemeNames(routes);
  const securitySchemes: Record<string, OpenApiSecurityScheme> = {};
  const schemas: Record<string, JsonSchema> = {};
  const paths: OpenApiDocument['paths'] = {};
  const tags: string[] = [];
  const operationIds = new Map<string, number>();

  for (const route of routes) {
    if (route.product !== product) throw new Error(`${route.method} ${route.path} belongs to ${route.product}, not ${product}`);
    const path = toOpenApiPath(route.path);
    const method = route.method.toLowerCase() as OpenApiMethod;
    const item = (paths[path] ??= {});
    if (item[method]) throw new Error(`${product}: ${route.method} ${route.path} is declared twice`);

    let security: OpenApiOperation['security'] = [];
    const access = route.access;
    if (access.kind === 'user' || access.kind === 'client') {
      securitySchemes[BEARER_SCHEME] = {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: `Access token of the ${product} realm: a user token from the login operation, or an OAuth 2.0 client-credentials token where an operation says so.`,
      };
      security = [{ [BEARER_SCHEME]: [] }];
    } else if (access.kind === 'api-key') {
      const name = apiKeySchemes.get(access.header.toLowerCase()) as string;
      securitySchemes[name] = {
        type: 'apiKey',
        in: 'header',
        name: access.header.toUpperCase(),
        description: `API key of the ${product} realm, scoped and optionally limited to client IP addresses.`,
      };
      security = [{ [name]: [] }];
    }

    const baseId = operationIdFromSubject(route.subject);
    const seen = operationIds.get(baseId) ?? 0;
    operationIds.set(baseId, seen + 1);
    for (const tag of route.tags) if (!tags.includes(tag)) tags.push(tag);

    const successStatus = route.successStatus ?? 200;
    const operation: OpenApiOperation = {
      operationId: seen === 0 ? baseId : `${baseId}_${seen + 1}`,
      summary: route.summary,
      description: operationDescription(route),
      tags: [...route.tags],
      responses: {
        [String(successStatus)]: successResponse(route, successStatus),
        ...errorResponses(route, format, options, schemas),
        ...routeDeclaredResponses(route, format),
      },
      security,
    };
    const parameters = operationParameters(route);
    if (parameters.length) operation.parameters = parameters;
    if (routeTakesBody(route) && route.requestSchema) {
      const required = Array.isArray(route.requestSchema.required) && route.requestSchema.required.length > 0;
      const contentTypes = route.contentTypes ?? ['application/json'];
      operation.requestBody = {
        required,
        content: Object.fromEntries(contentTypes.map((contentType) => [contentType, { schema: route.requestSchema as JsonSchema }])),
      };
    }
    item[method] = operation;
  }

  const components: OpenApiDocument['components'] = {};
  if (Object.keys(securitySchemes).length) components.securitySchemes = securitySchemes;
  if (Object.keys(schemas).length) components.schemas = schemas;

  const document: OpenApiDocument = {
    openapi: '3.0.3',
    info: { title: PRODUCT_INFO[product].title, version: options.version ?? '1.0.0', description: documentDescription(product, routes, format, options) },
    servers: productServers(product, options),
    tags: tags.map((name) => ({ name })),
    paths,
    components,
  };
  // A copy, so nobody editing a served document reaches into the shared route tables.
  return structuredClone(document);
}
