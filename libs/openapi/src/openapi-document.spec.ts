import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AUTH_SUBJECTS, PRODUCTS, ROUTES_BY_PRODUCT, type Product, type RouteDefinition } from '@gerbang/contracts';
import type { ErrorFormat } from './error-formats.js';
import { buildOpenApiDocument, operationIdFromSubject, toOpenApiPath } from './openapi-document.js';
import type { OpenApiDocument, OpenApiMediaType, OpenApiOperation } from './openapi-types.js';

const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * swagger-parser requires an ES module, which Jest's module loader cannot do before Node
 * 24.9, so it runs in a plain Node process; it answers `valid` or the validation error.
 */
const SWAGGER_PARSER_SCRIPT = `
import SwaggerParser from '@apidevtools/swagger-parser';
let input = '';
for await (const chunk of process.stdin) input += chunk;
try {
  await SwaggerParser.validate(JSON.parse(input));
  process.stdout.write('valid');
} catch (error) {
  process.stdout.write(String(error.message));
}`;

function swaggerParserVerdict(document: unknown): string {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', SWAGGER_PARSER_SCRIPT], {
    cwd: repositoryRoot,
    input: JSON.stringify(document),
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`swagger-parser did not run: ${child.stderr}`);
  return child.stdout;
}

/**
 * Validates with swagger-parser (OpenAPI 3.0 schema), then checks what it leaves out for
 * 3.x: each path template has exactly its declared path parameters, security requirements
 * name defined schemes, operation ids are unique. Returns every problem found.
 */
function validate(document: OpenApiDocument): string[] {
  const verdict = swaggerParserVerdict(document);
  const problems: string[] = verdict === 'valid' ? [] : [verdict];
  const operationIds = new Set<string>();
  const schemes = Object.keys(document.components.securitySchemes ?? {});
  for (const [path, item] of Object.entries(document.paths)) {
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
    for (const [method, operation] of Object.entries(item) as Array<[string, OpenApiOperation]>) {
      const declared = (operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'path')
        .map((parameter) => parameter.name)
        .sort();
      if (JSON.stringify(declared) !== JSON.stringify(templated)) problems.push(`${method} ${path}: path parameters [${declared}] vs template [${templated}]`);
      if (operationIds.has(operation.operationId)) problems.push(`${method} ${path}: operationId ${operation.operationId} repeated`);
      operationIds.add(operation.operationId);
      for (const requirement of operation.security) {
        for (const scheme of Object.keys(requirement)) if (!schemes.includes(scheme)) problems.push(`${method} ${path}: unknown security scheme ${scheme}`);
      }
    }
  }
  return problems;
}

function operation(document: OpenApiDocument, path: string, method: 'get' | 'post' | 'put' | 'patch' | 'delete'): OpenApiOperation {
  const found = document.paths[path]?.[method];
  if (!found) throw new Error(`${method} ${path} missing from ${document.info.title}; paths: ${Object.keys(document.paths).join(', ')}`);
  return found;
}

/** The named example of one response status, in its content type. */
function errorExample(op: OpenApiOperation, status: number, name: string): unknown {
  const content = op.responses[String(status)]?.content ?? {};
  for (const media of Object.values(content) as OpenApiMediaType[]) {
    if (media.examples?.[name]) return media.examples[name].value;
  }
  throw new Error(`no example ${name} under ${status}: ${JSON.stringify(op.responses[String(status)])}`);
}

const route = (overrides: Partial<RouteDefinition> & Pick<RouteDefinition, 'product'>): RouteDefinition => ({
  method: 'GET',
  path: '/v1/things',
  subject: `${overrides.product}.things.list.v1`,
  access: { kind: 'public' },
  summary: 'Things',
  tags: ['Things'],
  ...overrides,
});

describe('buildOpenApiDocument', () => {
  it.each(PRODUCTS)('builds a valid OpenAPI 3.0 document for %s from its route table', (product) => {
    const document = buildOpenApiDocument(product, ROUTES_BY_PRODUCT[product]);
    expect(document.openapi).toBe('3.0.3');
    expect(validate(document)).toEqual([]);
    expect(Object.keys(document.paths).length).toBe(new Set(ROUTES_BY_PRODUCT[product].map((entry) => toOpenApiPath(entry.path))).size);
  });

  it.each(PRODUCTS)('builds a valid document for %s with a base URL and every product on its own host', (product) => {
    const hosts = Object.fromEntries(PRODUCTS.map((name) => [name, `${name}.example.com`])) as Record<Product, string>;
    const document = buildOpenApiDocument(product, ROUTES_BY_PRODUCT[product], { baseUrl: 'https://api.example.com/', hosts, version: '2.1.0' });
    expect(validate(document)).toEqual([]);
    expect(document.info.version).toBe('2.1.0');
    expect(document.servers.map((server) => server.url)).toEqual([
      `https://${product}.example.com`,
      product === 'retribusi' ? 'https://api.example.com' : `https://api.example.com/${product}`,
    ]);
  });

  it('serves retribusi at the root and other products under their prefix, relative to the document', () => {
    expect(buildOpenApiDocument('retribusi').servers.map((server) => server.url)).toEqual(['/']);
    expect(buildOpenApiDocument('autogate').servers.map((server) => server.url)).toEqual(['/autogate']);
    expect(buildOpenApiDocument('crm', [], { hosts: { crm: 'http://localhost:4001/' } }).servers.map((server) => server.url)).toEqual([
      'http://localhost:4001',
      '/crm',
    ]);
  });

  it('documents a product without routes as being ported, with no paths', () => {
    const document = buildOpenApiDocument('qr', []);
    expect(document.paths).toEqual({});
    expect(document.tags).toEqual([]);
    expect(document.info.title).toBe('QR API');
    expect(document.info.description).toContain('being ported to Gerbang');
    expect(validate(document)).toEqual([]);
  });

  describe('retribusi login', () => {
    const document = buildOpenApiDocument('retribusi');
    const login = operation(document, '/auth/v1/login', 'post');
    const loginRoute = ROUTES_BY_PRODUCT.retribusi.find((entry) => entry.subject === AUTH_SUBJECTS.login) as RouteDefinition;

    it('is public, tagged, named after its subject, with the JSON request schema', () => {
      expect(login.security).toEqual([]);
      expect(login.operationId).toBe('authSessionLoginV1');
      expect(login.tags).toEqual(['Authentication']);
      expect(login.summary).toBe(loginRoute.summary);
      expect(login.description).toContain('10 requests per 60 seconds');
      expect(login.requestBody?.required).toBe(true);
      expect(Object.keys(login.requestBody?.content ?? {})).toEqual(['application/json']);
      expect(login.requestBody?.content['application/json']?.schema).toEqual(loginRoute.requestSchema);
    });

    it('shows the success example and a schema it satisfies', () => {
      const media = login.responses['200']?.content?.['application/json'];
      expect(media?.example).toEqual(loginRoute.responseExample);
      expect(media?.schema).toMatchObject({ type: 'object', properties: { success: { type: 'boolean' }, timestamp: { type: 'integer' } } });
    });

    it('shows the errors of spec/retribusi-api.md in its {error, message} format', () => {
      expect(Object.keys(login.responses).sort()).toEqual(['200', '400', '401', '403', '413', '415', '422', '429', '500', '503', '504']);
      expect(errorExample(login, 401, 'invalid_credentials')).toEqual({ error: 'unauthorized', message: 'Invalid credentials' });
      expect(errorExample(login, 403, 'account_inactive')).toEqual({ error: 'forbidden', message: 'User inactive' });
      expect(errorExample(login, 422, 'validation_failed')).toEqual({ error: 'validation_error', fields: { username: 'Field is required' } });
      expect(errorExample(login, 500, 'internal')).toEqual({ error: 'server_error', message: 'Internal server error' });
      expect(errorExample(login, 504, 'service_timeout')).toMatchObject({ error: 'gateway_timeout' });
      expect(login.responses['429']?.headers?.['Retry-After']?.schema).toEqual({ type: 'integer' });
      expect(login.responses['401']?.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/Error' });
      expect(document.components.schemas?.Error).toBeDefined();
    });
  });

  describe('retribusi ingest ping', () => {
    const document = buildOpenApiDocument('retribusi');
    const ping = operation(document, '/retribusi/v1/ingest/ping', 'get');

    it('is secured by the X-API-KEY header scheme and notes the scope', () => {
      expect(ping.security).toEqual([{ apiKey: [] }]);
      expect(document.components.securitySchemes?.apiKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-API-KEY' });
      expect(ping.description).toContain('`retribusi:ingest`');
      expect(ping.requestBody).toBeUndefined();
      expect(ping.parameters).toBeUndefined();
    });

    it('answers 401 for a missing or unknown key and 403 for a refused one, without body errors', () => {
      expect(errorExample(ping, 401, 'missing_api_key')).toEqual({ error: 'unauthorized', message: 'Missing API key' });
      expect(errorExample(ping, 401, 'invalid_api_key')).toEqual({ error: 'unauthorized', message: 'Invalid API key' });
      expect(errorExample(ping, 403, 'api_key_forbidden')).toMatchObject({ error: 'forbidden' });
      for (const status of ['400', '413', '415', '422', '409', '404']) expect(ping.responses[status]).toBeUndefined();
    });
  });

  describe('retribusi ingest', () => {
    const ingest = operation(buildOpenApiDocument('retribusi'), '/retribusi/v1/ingest', 'post');

    it("documents the gate's own 404 and 409, pricing and the Idempotency-Key header", () => {
      expect(ingest.responses['404']?.content?.['application/json']?.example).toEqual({ error: 'not_found', message: 'Gate not found' });
      expect(ingest.responses['409']?.content?.['application/json']?.example).toEqual({
        error: 'conflict',
        message: 'Event id already used for a different event',
      });
      expect(ingest.description).toContain('tariff in force at its `timestamp`');
      expect(ingest.parameters).toEqual([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]);
    });
  });

  describe('autogate OAuth token', () => {
    const document = buildOpenApiDocument('autogate');
    const token = operation(document, '/v1/external/oauth/token', 'post');

    it('takes a form-encoded body first, JSON too, and is public', () => {
      expect(token.security).toEqual([]);
      expect(Object.keys(token.requestBody?.content ?? {})).toEqual(['application/x-www-form-urlencoded', 'application/json']);
      expect(token.requestBody?.content['application/x-www-form-urlencoded']?.schema).toMatchObject({
        required: ['grant_type'],
        properties: { grant_type: { enum: ['client_credentials'] } },
      });
      expect(token.responses['200']?.content?.['application/json']?.example).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    });

    it('answers token errors in RFC 6749 format and gateway errors in the autogate format', () => {
      expect(errorExample(token, 400, 'unsupported_grant_type')).toEqual({
        error: 'unsupported_grant_type',
        error_description: 'Only client_credentials is supported',
      });
      expect(errorExample(token, 400, 'invalid_request')).toMatchObject({ error: 'invalid_request' });
      expect(errorExample(token, 401, 'invalid_client')).toMatchObject({ error: 'invalid_client' });
      expect(token.responses['401']?.headers?.['WWW-Authenticate']).toBeDefined();
      expect(token.responses['401']?.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/OAuthError' });
      expect(errorExample(token, 415, 'unsupported_media_type')).toEqual({
        statusCode: 415,
        message: 'Content-Type tidak didukung.',
        error: 'Unsupported Media Type',
      });
      expect(errorExample(token, 503, 'service_unavailable')).toMatchObject({ statusCode: 503 });
      expect(token.responses['409']).toBeUndefined();
      expect(document.info.description).toContain('RFC 6749 errors');
    });
  });

  describe('routes of other shapes', () => {
    const gateRoute = route({
      product: 'retribusi',
      method: 'PUT',
      path: '/retribusi/v1/frontend/gates/:location_code/:gate_code',
      subject: 'retribusi.gates.update.v1',
      access: { kind: 'user', roles: ['operator', 'admin'] },
      tags: ['Retribusi - Frontend CRUD'],
      requestSchema: { type: 'object', properties: { name: { type: 'string' } } },
      pathParameters: { gate_code: { description: 'Gate code within the location', example: 'gate01' } },
      queryParameters: [{ name: 'dry_run', schema: { type: 'boolean' } }],
    });

    it('turns :params into {params}, declares them and secures the route with the bearer JWT', () => {
      const document = buildOpenApiDocument('retribusi', [gateRoute]);
      expect(validate(document)).toEqual([]);
      const update = operation(document, '/retribusi/v1/frontend/gates/{location_code}/{gate_code}', 'put');
      expect(update.parameters).toEqual([
        { name: 'location_code', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'gate_code', in: 'path', required: true, schema: { type: 'string' }, description: 'Gate code within the location', example: 'gate01' },
        { name: 'dry_run', in: 'query', required: false, schema: { type: 'boolean' } },
      ]);
      expect(update.security).toEqual([{ bearerAuth: [] }]);
      expect(document.components.securitySchemes?.bearerAuth).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }));
      expect(update.description).toContain('Active role: operator, admin.');
      expect(update.requestBody?.required).toBe(false);
      expect(errorExample(update, 401, 'missing_token')).toEqual({ error: 'unauthorized', message: 'Invalid or expired token' });
      expect(errorExample(update, 403, 'forbidden')).toEqual({ error: 'forbidden', message: 'Insufficient permissions' });
      expect(errorExample(update, 403, 'password_change_required')).toMatchObject({ error: 'forbidden' });
      expect(errorExample(update, 404, 'not_found')).toEqual({ error: 'not_found', message: 'Resource not found' });
      expect(errorExample(update, 409, 'conflict')).toEqual({ error: 'conflict', message: 'Resource already exists' });
    });

    it('notes the scope of client-credentials routes on the bearer scheme', () => {
      const document = buildOpenApiDocument('autogate', [
        route({ product: 'autogate', method: 'POST', path: '/v1/external/tickets/company', access: { kind: 'client', scope: 'ticket:write' } }),
      ]);
      expect(validate(document)).toEqual([]);
      const create = operation(document, '/v1/external/tickets/company', 'post');
      expect(create.security).toEqual([{ bearerAuth: [] }]);
      expect(create.description).toContain('client-credentials bearer token with scope `ticket:write`');
      expect(errorExample(create, 403, 'insufficient_scope')).toEqual({ statusCode: 403, message: 'Scope token tidak mencukupi.', error: 'Forbidden' });
    });

    it('writes crm errors as problem details with the prefixed instance, validation at 400', () => {
      const document = buildOpenApiDocument('crm', [
        route({
          product: 'crm',
          method: 'POST',
          path: '/v1/people',
          access: { kind: 'user', permission: 'users:create' },
          requestSchema: { type: 'object', required: ['phone'], properties: { phone: { type: 'string' } } },
        }),
      ]);
      expect(validate(document)).toEqual([]);
      const create = operation(document, '/v1/people', 'post');
      expect(create.responses['422']).toBeUndefined();
      expect(Object.keys(create.responses['400']?.content ?? {})).toEqual(['application/problem+json']);
      expect(errorExample(create, 400, 'validation_failed')).toEqual({
        type: 'https://httpstatuses.io/400',
        title: 'Bad Request',
        status: 400,
        detail: 'Validation failed',
        instance: '/crm/v1/people',
        errors: [{ field: 'phone', message: 'Field is required', constraint: 'isNotEmpty', value: '' }],
        time: '2025-05-07T09:00:39.491+07:00',
      });
      expect(errorExample(create, 403, 'forbidden')).toMatchObject({ status: 403, title: 'Forbidden', instance: '/crm/v1/people' });
      expect(create.description).toContain('Permission: `users:create`.');
    });

    it('writes isp errors the Laravel way, and the partner billing API with status false and error_code', () => {
      const document = buildOpenApiDocument('isp', [
        route({
          product: 'isp',
          method: 'POST',
          path: '/api/billing/mark-as-paid',
          subject: 'isp.billing.mark-paid.v1',
          access: { kind: 'api-key', header: 'x-mywifi-key', scope: 'billing' },
          requestSchema: { type: 'object', required: ['invoice'], properties: { invoice: { type: 'string' } } },
        }),
        route({ product: 'isp', method: 'POST', path: '/api/auth/login', subject: AUTH_SUBJECTS.login }),
        route({ product: 'isp', path: '/api/customer/tickets/:id', subject: 'isp.tickets.get.v1', access: { kind: 'user', allowPasswordChangePending: true } }),
      ]);
      expect(validate(document)).toEqual([]);
      const markPaid = operation(document, '/api/billing/mark-as-paid', 'post');
      expect(document.components.securitySchemes?.apiKey).toMatchObject({ name: 'X-MYWIFI-KEY' });
      expect(errorExample(markPaid, 400, 'missing_api_key')).toEqual({ status: false, error_code: 'API_KEY_MISSING', message: 'API key tidak dikirim.' });
      expect(errorExample(markPaid, 403, 'invalid_api_key')).toMatchObject({ status: false, error_code: 'API_KEY_INVALID' });
      expect(errorExample(markPaid, 422, 'validation_failed')).toEqual({
        status: false,
        error_code: 'VALIDATION_ERROR',
        message: 'Validasi gagal.',
        errors: { invoice: ['invoice wajib diisi.'] },
      });
      expect(markPaid.responses['401']).toBeUndefined();

      const login = operation(document, '/api/auth/login', 'post');
      expect(errorExample(login, 422, 'invalid_credentials')).toEqual({
        message: 'The given data was invalid.',
        errors: { email: ['Email atau password tidak sesuai.'] },
      });
      const ticket = operation(document, '/api/customer/tickets/{id}', 'get');
      expect(errorExample(ticket, 401, 'missing_token')).toEqual({ message: 'Unauthenticated.' });
      expect(errorExample(ticket, 404, 'not_found')).toEqual({ status: 'not_found', message: 'Data tidak ditemukan.' });
      expect(ticket.responses['403']).toBeUndefined();
    });

    it('writes qr errors the Django REST framework way', () => {
      const document = buildOpenApiDocument('qr', [
        route({
          product: 'qr',
          method: 'PATCH',
          path: '/api/v1/qr/:id/',
          subject: 'qr.codes.update.v1',
          access: { kind: 'user' },
          requestSchema: { type: 'object', properties: { title: { type: 'string' } } },
        }),
      ]);
      const update = operation(document, '/api/v1/qr/{id}/', 'patch');
      expect(errorExample(update, 400, 'validation_failed')).toEqual({ title: ['Must be a string'] });
      expect(errorExample(update, 404, 'not_found')).toEqual({ detail: 'Resource not found' });
    });

    it('lets a route document its own responses, replacing the generated ones of that status', () => {
      const document = buildOpenApiDocument('retribusi', [
        route({
          product: 'retribusi',
          path: '/retribusi/v1/frontend/locations/:code',
          responseContentType: 'application/json',
          responses: {
            404: { description: 'Location not found', example: { error: 'not_found', message: 'Location not found' } },
            304: { description: 'Not modified' },
          },
        }),
        route({
          product: 'retribusi',
          path: '/retribusi/v1/realtime/stream',
          subject: 'retribusi.realtime.stream.v1',
          responseContentType: 'text/event-stream',
        }),
      ]);
      const detail = operation(document, '/retribusi/v1/frontend/locations/{code}', 'get');
      expect(detail.responses['404']).toEqual({
        description: 'Location not found',
        content: {
          'application/json': {
            schema: { type: 'object', properties: { error: { type: 'string' }, message: { type: 'string' } } },
            example: { error: 'not_found', message: 'Location not found' },
          },
        },
      });
      expect(detail.responses['304']).toEqual({ description: 'Not modified' });
      const stream = operation(document, '/retribusi/v1/realtime/stream', 'get');
      expect(stream.responses['200']?.content).toEqual({ 'text/event-stream': { schema: { type: 'string' } } });
    });

    it('uses an error format the gateway passes instead of the built-in one', () => {
      const format: ErrorFormat = {
        description: 'Custom errors.',
        contentType: 'application/vnd.error+json',
        schemaName: 'CustomError',
        schema: { type: 'object' },
        render: (error) => ({ status: error.code === 'internal' ? 500 : 418, body: { code: error.code } }),
      };
      const document = buildOpenApiDocument('qr', [route({ product: 'qr', access: { kind: 'user' } })], { errorFormats: { qr: format } });
      const list = operation(document, '/v1/things', 'get');
      expect(list.responses['500']?.content?.['application/vnd.error+json']?.examples?.internal?.value).toEqual({ code: 'internal' });
      expect(Object.keys(list.responses).sort()).toEqual(['200', '418', '500']);
      expect(document.components.schemas).toEqual({ CustomError: { type: 'object' } });
      expect(document.info.description).toContain('Custom errors.');
    });

    it('adds 429 to every route when the gateway rate-limits globally', () => {
      const list = operation(buildOpenApiDocument('qr', [route({ product: 'qr' })], { rateLimitedEverywhere: true }), '/v1/things', 'get');
      expect(errorExample(list, 429, 'rate_limited')).toEqual({ detail: 'Too many requests' });
      expect(operation(buildOpenApiDocument('qr', [route({ product: 'qr' })]), '/v1/things', 'get').responses['429']).toBeUndefined();
    });
  });

  it('keeps operation ids unique when two routes share a subject', () => {
    const document = buildOpenApiDocument('qr', [route({ product: 'qr', path: '/a' }), route({ product: 'qr', path: '/b' })]);
    expect([operation(document, '/a', 'get').operationId, operation(document, '/b', 'get').operationId]).toEqual(['qrThingsListV1', 'qrThingsListV1_2']);
    expect(validate(document)).toEqual([]);
  });

  it('relies on a validator that does reject an invalid document', () => {
    const document = buildOpenApiDocument('retribusi');
    const broken = { ...document, info: { ...document.info, version: 1 } };
    expect(swaggerParserVerdict(broken)).toContain('version');
    const unknownReference = structuredClone(document);
    const login = operation(unknownReference, '/auth/v1/login', 'post');
    (login.responses['500']?.content?.['application/json'] as OpenApiMediaType).schema = { $ref: '#/components/schemas/Missing' };
    expect(validate(unknownReference)).toEqual([expect.stringContaining('Missing')]);
  });

  it('refuses route tables the document cannot express', () => {
    expect(() => buildOpenApiDocument('qr', [route({ product: 'crm' })])).toThrow('belongs to crm, not qr');
    expect(() => buildOpenApiDocument('qr', [route({ product: 'qr' }), route({ product: 'qr' })])).toThrow('declared twice');
    expect(() => buildOpenApiDocument('qr', [route({ product: 'qr', path: '/a/:id/b/:id' })])).toThrow('appears twice');
    expect(() => buildOpenApiDocument('qr', [route({ product: 'qr', path: '/a/:id', pathParameters: { code: {} } })])).toThrow('does not have');
  });

  it('does not share objects with the route tables', () => {
    const document = buildOpenApiDocument('retribusi');
    const schema = operation(document, '/auth/v1/login', 'post').requestBody?.content['application/json']?.schema as Record<string, unknown>;
    schema.required = [];
    expect(ROUTES_BY_PRODUCT.retribusi[0]?.requestSchema?.required).toEqual(['username', 'password']);
  });

  it('derives operation ids and OpenAPI paths', () => {
    expect(operationIdFromSubject('auth.api-key.verify.v1')).toBe('authApiKeyVerifyV1');
    expect(toOpenApiPath('/tariffs/:location_code/:gate_code/:category')).toBe('/tariffs/{location_code}/{gate_code}/{category}');
  });
});
