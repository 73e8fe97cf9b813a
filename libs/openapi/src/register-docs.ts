import { PRODUCTS, ROUTES_BY_PRODUCT, type Product, type RouteDefinition } from '@gerbang/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { buildOpenApiDocument, hostOrigin, type OpenApiOptions } from './openapi-document.js';
import type { OpenApiDocument } from './openapi-types.js';
import { PRODUCT_INFO } from './product-info.js';
import {
  DOCS_ASSETS_PREFIX,
  SWAGGER_INIT_SCRIPT,
  SWAGGER_INIT_SCRIPT_FILE,
  SWAGGER_UI_ASSET_FILES,
  docsContentSecurityPolicy,
  swaggerUiPage,
  type SwaggerUiEntry,
} from './swagger-ui-page.js';

export interface DocsOptions extends OpenApiOptions {
  /** Products to document, in dropdown order (default: all five). */
  products?: readonly Product[];
  /** Route tables (default: ROUTES_BY_PRODUCT). */
  routes?: Partial<Record<Product, readonly RouteDefinition[]>>;
  /**
   * The Content-Security-Policy header sent with the HTML pages (default:
   * docsContentSecurityPolicy over the host and base URL origins); false sends none.
   */
  contentSecurityPolicy?: string | false;
  /** Also answer `GET /` with a redirect to /docs, as spec/retribusi-api.md documents (default false). */
  redirectRoot?: boolean;
}

export interface DocsRegistration {
  /** The documents as served, built once at registration. */
  documents: ReadonlyMap<Product, OpenApiDocument>;
  /** The policy sent with the HTML pages (false when disabled). */
  contentSecurityPolicy: string | false;
  /** Every path registered, for start-up logs. */
  paths: string[];
}

interface CachedBody {
  body: string | Buffer;
  /** The gzip variant, for bodies worth compressing. */
  gzipped?: Buffer;
  contentType: string;
  etag: string;
  cacheControl: string;
  headers: Record<string, string>;
}

const gzipAsync = promisify(gzip);

/**
 * A response built once: its ETag and, above a few kilobytes, its gzip variant (the
 * Swagger UI bundle is 1.7 MB, 0.46 MB gzipped). Docs and pages are revalidated on every
 * load (no-cache + ETag) so a deploy shows at once; package assets are cached an hour.
 */
async function cached(
  body: string | Buffer,
  contentType: string,
  options: { cacheControl?: string; headers?: Record<string, string> } = {},
): Promise<CachedBody> {
  const size = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  return {
    body,
    gzipped: size > 4096 && !contentType.startsWith('image/') ? await gzipAsync(body, { level: 9 }) : undefined,
    contentType,
    etag: createHash('sha256').update(body).digest('base64url').slice(0, 27),
    cacheControl: options.cacheControl ?? 'no-cache',
    headers: options.headers ?? {},
  };
}

/** Whether the client takes gzip (a q=0 refuses it). */
function acceptsGzip(request: FastifyRequest): boolean {
  const header = request.headers['accept-encoding'];
  if (typeof header !== 'string') return false;
  return header.split(',').some((part) => {
    const [coding, ...parameters] = part.trim().toLowerCase().split(';');
    const quality = parameters.map((parameter) => /^\s*q=([\d.]+)\s*$/.exec(parameter)?.[1]).find((value) => value !== undefined);
    return (coding === 'gzip' || coding === '*') && (quality === undefined || Number(quality) > 0);
  });
}

function sendCached(request: FastifyRequest, reply: FastifyReply, content: CachedBody): FastifyReply {
  const gzipped = content.gzipped && acceptsGzip(request) ? content.gzipped : undefined;
  // Each encoding is its own representation, so each has its own strong ETag.
  const etag = `"${content.etag}${gzipped ? '-gzip' : ''}"`;
  reply.header('cache-control', content.cacheControl).header('etag', etag).header('x-content-type-options', 'nosniff');
  if (content.gzipped) reply.header('vary', 'accept-encoding');
  for (const [name, value] of Object.entries(content.headers)) reply.header(name, value);
  const known = request.headers['if-none-match'];
  if (typeof known === 'string' && known.split(',').some((tag) => tag.trim() === etag)) return reply.code(304).send();
  reply.type(content.contentType);
  if (gzipped) return reply.header('content-encoding', 'gzip').send(gzipped);
  return reply.send(content.body);
}

/** Host constraint for a product's own domain: the host name with or without a port, unless the mapping names one. */
function hostConstraint(host: string): RegExp {
  const url = new URL(hostOrigin(host));
  const name = url.hostname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(url.port ? `^${name}:${url.port}$` : `^${name}(:\\d+)?$`, 'i');
}

const swaggerUiDistFolder = (): string => dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/absolute-path.js'));

const ASSET_CONTENT_TYPES: Record<string, string> = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8', png: 'image/png' };

/**
 * Serves the API documentation on a Fastify instance:
 * - `GET /docs`: Swagger UI with a dropdown of every product's document;
 * - `GET /docs/openapi.json`: the retribusi document (spec/retribusi-api.md);
 * - `GET /{product}/docs` and `GET /{product}/docs/openapi.json` for each product;
 * - on a product's own host (options.hosts), `GET /docs` and `/docs/openapi.json` are that product's;
 * - `GET /docs/assets/<file>`: the Swagger UI files from swagger-ui-dist and the start script.
 * Documents, pages and assets are built and read once here; requests only send cached bytes.
 * (The assets are not served with @fastify/static: it requires an ES module, which Jest's
 * loader cannot do before Node 24.9, and six known files need no directory serving.)
 */
export async function registerDocs(fastify: FastifyInstance, options: DocsOptions = {}): Promise<DocsRegistration> {
  const products = options.products ?? PRODUCTS;
  if (products.length === 0) throw new Error('registerDocs: no product to document');
  const documents = new Map<Product, OpenApiDocument>();
  for (const product of products) {
    documents.set(product, buildOpenApiDocument(product, options.routes?.[product] ?? ROUTES_BY_PRODUCT[product], options));
  }

  const connectOrigins = Object.values(options.hosts ?? {}).flatMap((host) => (host ? [hostOrigin(host)] : []));
  if (options.baseUrl && /^https?:\/\//i.test(options.baseUrl)) connectOrigins.push(new URL(options.baseUrl).origin);
  const contentSecurityPolicy = options.contentSecurityPolicy ?? docsContentSecurityPolicy(connectOrigins);
  const pageHeaders: Record<string, string> = { 'referrer-policy': 'no-referrer' };
  if (contentSecurityPolicy !== false) pageHeaders['content-security-policy'] = contentSecurityPolicy;
  const html = (title: string, entries: SwaggerUiEntry[], primary?: string): Promise<CachedBody> =>
    cached(swaggerUiPage(title, entries, primary), 'text/html; charset=utf-8', { headers: pageHeaders });

  const paths: string[] = [];
  const serve = (path: string, content: CachedBody, routeOptions: RouteShorthandOptions = {}): void => {
    fastify.get(path, routeOptions, (request, reply) => sendCached(request, reply, content));
    if (!paths.includes(path)) paths.push(path);
  };
  const entryOf = (product: Product): SwaggerUiEntry => ({ name: PRODUCT_INFO[product].title, url: `/${product}/docs/openapi.json` });
  const served = new Map<Product, { document: CachedBody; page: CachedBody }>();
  for (const [product, document] of documents) {
    served.set(product, {
      document: await cached(JSON.stringify(document), 'application/json; charset=utf-8'),
      page: await html(`${PRODUCT_INFO[product].title} documentation`, [entryOf(product)]),
    });
  }

  const mainProduct: Product = products.includes('retribusi') ? 'retribusi' : (products[0] as Product);
  serve('/docs', await html('Gerbang API documentation', products.map(entryOf), PRODUCT_INFO[mainProduct].title));
  serve('/docs/openapi.json', served.get(mainProduct)?.document as CachedBody);
  for (const [product, { document, page }] of served) {
    serve(`/${product}/docs`, page);
    serve(`/${product}/docs/openapi.json`, document);
    const host = options.hosts?.[product];
    if (host) {
      const constraints = { host: hostConstraint(host) };
      serve('/docs', page, { constraints });
      serve('/docs/openapi.json', document, { constraints });
    }
  }

  // Only the files a page loads: not swagger-ui-dist's sample index.html or its petstore initializer.
  const assetFolder = swaggerUiDistFolder();
  for (const file of SWAGGER_UI_ASSET_FILES) {
    const contentType = ASSET_CONTENT_TYPES[file.slice(file.lastIndexOf('.') + 1)] as string;
    serve(`${DOCS_ASSETS_PREFIX}${file}`, await cached(await readFile(join(assetFolder, file)), contentType, { cacheControl: 'public, max-age=3600' }));
  }
  serve(`${DOCS_ASSETS_PREFIX}${SWAGGER_INIT_SCRIPT_FILE}`, await cached(SWAGGER_INIT_SCRIPT, 'text/javascript; charset=utf-8'));
  if (options.redirectRoot) {
    fastify.get('/', (_request, reply) => reply.redirect('/docs'));
    paths.push('/');
  }

  return { documents, contentSecurityPolicy, paths };
}
