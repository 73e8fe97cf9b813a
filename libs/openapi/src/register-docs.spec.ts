import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PRODUCTS, type Product } from '@gerbang/contracts';
import Fastify, { type FastifyInstance } from 'fastify';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { buildOpenApiDocument } from './openapi-document.js';
import type { OpenApiDocument } from './openapi-types.js';
import { registerDocs, type DocsRegistration } from './register-docs.js';

const PAGE_URLS = ['/docs', ...PRODUCTS.map((product) => `/${product}/docs`)];
const DOCUMENT_URLS: Array<[string, Product]> = [
  ['/docs/openapi.json', 'retribusi'],
  ...PRODUCTS.map((product): [string, Product] => [`/${product}/docs/openapi.json`, product]),
];

const decodeHtml = (text: string): string =>
  text.replace(/&(quot|amp|lt|gt|#39);/g, (_entity, name: string) => ({ quot: '"', amp: '&', lt: '<', gt: '>', '#39': "'" })[name] as string);

/** Every URL the page loads or links to (src and href attributes). */
const referencedUrls = (html: string): string[] => [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((match) => decodeHtml(match[1] as string));

const pageConfig = (html: string): Record<string, unknown> => {
  const match = /data-config="([^"]*)"/.exec(html);
  if (!match) throw new Error(`no data-config in ${html}`);
  return JSON.parse(decodeHtml(match[1] as string)) as Record<string, unknown>;
};

interface HttpAnswer {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  raw: Buffer;
  json<T>(): T;
}

/**
 * A real HTTP GET on the listening instance. (fastify.inject cannot run under Jest on Node
 * 20: light-my-request requires the ES module `cookie`, which Jest's loader cannot load.)
 * node:http rather than fetch, to send any Host header and see bodies as sent.
 */
function get(app: FastifyInstance, path: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  const { port } = app.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, path, headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () => {
        const raw = Buffer.concat(chunks);
        const body = raw.toString('utf8');
        resolve({ statusCode: incoming.statusCode ?? 0, headers: incoming.headers, body, raw, json: <T>() => JSON.parse(body) as T });
      });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

async function startDocs(options: Parameters<typeof registerDocs>[1]): Promise<{ app: FastifyInstance; registration: DocsRegistration }> {
  const app = Fastify();
  const registration = await registerDocs(app, options);
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, registration };
}

describe('registerDocs on a bare Fastify instance', () => {
  let app: FastifyInstance;
  let registration: DocsRegistration;

  beforeAll(async () => {
    ({ app, registration } = await startDocs({ hosts: { crm: 'crm.example.com' } }));
  });
  afterAll(async () => {
    await app.close();
  });

  it.each(DOCUMENT_URLS)('GET %s answers the %s document, as built at registration', async (url, product) => {
    const response = await get(app, url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const document = response.json<OpenApiDocument>();
    expect(document).toEqual(registration.documents.get(product));
    expect(document).toEqual(buildOpenApiDocument(product, undefined, { hosts: { crm: 'crm.example.com' } }));
  });

  it.each(PAGE_URLS)('GET %s answers a Swagger UI page that loads local assets only, under the docs CSP', async (url) => {
    const response = await get(app, url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const policy = response.headers['content-security-policy'];
    expect(policy).toBe(registration.contentSecurityPolicy);
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toMatch(/script-src[^;]*unsafe/);

    const html = response.body;
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const urls = referencedUrls(html);
    expect(urls.length).toBeGreaterThan(5);
    for (const reference of urls) expect(reference).toMatch(/^\/(docs\/assets\/[\w.-]+|\w+\/docs\/openapi\.json)$/);
    for (const reference of urls) {
      const asset = await get(app, reference);
      expect([reference, asset.statusCode]).toEqual([reference, 200]);
      expect(asset.raw.length).toBeGreaterThan(100);
    }
  });

  it('serves the Swagger UI files with their content types', async () => {
    const expected: Record<string, string> = {
      '/docs/assets/swagger-ui.css': 'text/css',
      '/docs/assets/swagger-ui-bundle.js': 'javascript',
      '/docs/assets/swagger-ui-standalone-preset.js': 'javascript',
      '/docs/assets/gerbang-swagger-init.js': 'text/javascript',
      '/docs/assets/favicon-32x32.png': 'image/png',
    };
    for (const [url, type] of Object.entries(expected)) {
      const response = await get(app, url);
      expect([url, response.statusCode, response.headers['content-type']]).toEqual([url, 200, expect.stringContaining(type)]);
    }
    expect((await get(app, '/docs/assets/swagger-ui-bundle.js')).body).toContain('SwaggerUIBundle');
  });

  it('serves nothing else of swagger-ui-dist (its sample page points at the petstore)', async () => {
    for (const url of [
      '/docs/assets/',
      '/docs/assets/index.html',
      '/docs/assets/swagger-initializer.js',
      '/docs/assets/package.json',
      '/docs/assets/../package.json',
    ]) {
      expect([url, (await get(app, url)).statusCode]).toEqual([url, 404]);
    }
  });

  it('lists every product in the /docs dropdown with retribusi first selected', async () => {
    const config = pageConfig((await get(app, '/docs')).body);
    expect(config.urls).toEqual([
      { name: 'Retribusi API', url: '/retribusi/docs/openapi.json' },
      { name: 'CRM Batubara Niaga API', url: '/crm/docs/openapi.json' },
      { name: 'ISP Billing API', url: '/isp/docs/openapi.json' },
      { name: 'QR API', url: '/qr/docs/openapi.json' },
      { name: 'API Autogate KEK', url: '/autogate/docs/openapi.json' },
    ]);
    expect(config['urls.primaryName']).toBe('Retribusi API');
    expect(pageConfig((await get(app, '/qr/docs')).body).urls).toEqual([{ name: 'QR API', url: '/qr/docs/openapi.json' }]);
  });

  it('starts Swagger UI from the init script with the page configuration', async () => {
    const page = (await get(app, '/docs')).body;
    const script = (await get(app, '/docs/assets/gerbang-swagger-init.js')).body;
    const calls: Array<Record<string, unknown>> = [];
    const SwaggerUIBundle = Object.assign((options: Record<string, unknown>) => calls.push(options), {
      presets: { apis: 'apis-preset' },
      plugins: { DownloadUrl: 'download-plugin' },
    });
    const element = { getAttribute: (name: string) => (name === 'data-config' ? decodeHtml(/data-config="([^"]*)"/.exec(page)?.[1] ?? '') : null) };
    const document = { getElementById: (id: string) => (id === 'swagger-ui' ? element : null) };
    runInNewContext(script, { document, SwaggerUIBundle, SwaggerUIStandalonePreset: 'standalone-preset', window: {} });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      dom_id: '#swagger-ui',
      presets: ['apis-preset', 'standalone-preset'],
      layout: 'StandaloneLayout',
      validatorUrl: null,
      queryConfigEnabled: false,
      'urls.primaryName': 'Retribusi API',
    });
    expect(calls[0]?.urls).toHaveLength(5);
  });

  it('serves the crm documentation at /docs on the crm host, with the host as its first server', async () => {
    for (const host of ['crm.example.com', 'CRM.example.com:8443']) {
      const document = (await get(app, '/docs/openapi.json', { host })).json<OpenApiDocument>();
      expect(document.info.title).toBe('CRM Batubara Niaga API');
      expect(document.servers[0]?.url).toBe('https://crm.example.com');
      expect(pageConfig((await get(app, '/docs', { host })).body).urls).toEqual([{ name: 'CRM Batubara Niaga API', url: '/crm/docs/openapi.json' }]);
    }
    const elsewhere = (await get(app, '/docs/openapi.json', { host: 'api.example.com' })).json<OpenApiDocument>();
    expect(elsewhere.info.title).toBe('Retribusi API');
    expect(registration.contentSecurityPolicy).toContain("connect-src 'self' https://crm.example.com;");
  });

  it('sends the gzip variant to clients that take it, with its own ETag', async () => {
    const plain = await get(app, '/docs/assets/swagger-ui-bundle.js');
    const zipped = await get(app, '/docs/assets/swagger-ui-bundle.js', { 'accept-encoding': 'br, gzip;q=0.8' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    expect(zipped.raw.length).toBeLessThan(plain.raw.length / 2);
    expect(gunzipSync(zipped.raw).equals(plain.raw)).toBe(true);
    expect(zipped.headers.etag).not.toBe(plain.headers.etag);
    expect(zipped.headers['cache-control']).toBe('public, max-age=3600');
    const refused = await get(app, '/docs/assets/swagger-ui-bundle.js', { 'accept-encoding': 'gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('answers 304 when the client already has the document', async () => {
    const first = await get(app, '/autogate/docs/openapi.json');
    expect(first.headers['cache-control']).toBe('no-cache');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get(app, '/autogate/docs/openapi.json', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await get(app, '/autogate/docs/openapi.json', { 'if-none-match': '"stale"' })).statusCode).toBe(200);
  });
});

describe('registerDocs options', () => {
  it('documents only the products asked for, sends the given CSP and can redirect / to /docs', async () => {
    const { app, registration } = await startDocs({ products: ['qr', 'autogate'], contentSecurityPolicy: "default-src 'self'", redirectRoot: true });
    try {
      expect([...registration.documents.keys()]).toEqual(['qr', 'autogate']);
      expect((await get(app, '/docs/openapi.json')).json<OpenApiDocument>().info.title).toBe('QR API');
      expect((await get(app, '/crm/docs')).statusCode).toBe(404);
      const page = await get(app, '/autogate/docs');
      expect(page.headers['content-security-policy']).toBe("default-src 'self'");
      expect(pageConfig((await get(app, '/docs')).body).urls).toHaveLength(2);
      const root = await get(app, '/');
      expect([root.statusCode, root.headers.location]).toEqual([302, '/docs']);
    } finally {
      await app.close();
    }
  });

  it('sends no CSP when told not to, and refuses an empty product list', async () => {
    const { app } = await startDocs({ products: ['isp'], contentSecurityPolicy: false });
    try {
      const page = await get(app, '/isp/docs');
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-security-policy']).toBeUndefined();
    } finally {
      await app.close();
    }
    await expect(registerDocs(Fastify(), { products: [] })).rejects.toThrow('no product');
  });
});
