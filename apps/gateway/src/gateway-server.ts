import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import helmet from 'helmet';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { NatsConnection } from '@nats-io/transport-node';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { REALTIME_STREAM_SUBJECT, ROUTES_BY_PRODUCT, PRODUCTS, type Product, type RouteDefinition } from '@gerbang/contracts';
import { DOCS_CONTENT_SECURITY_POLICY, registerDocs } from '@gerbang/openapi';
import { metricsRegistry, NatsRequester, PinoNestLogger } from '@gerbang/runtime';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AccessGuard } from './access-guard.js';
import { clientIpFrom, describePeer, parseTrustedProxies, type Peer } from './client-ip.js';
import type { GatewayConfig } from './config.js';
import { edgeError } from './edge-errors.js';
import { GatewayModule } from './gateway.module.js';
import { httpRequestDuration, httpRequestsTotal } from './http-metrics.js';
import { JwksStore } from './jwks-store.js';
import { ProductExceptionFilter } from './product-exception.filter.js';
import { parseProductHosts } from './product-resolver.js';
import { checkReadiness } from './readiness.js';
import { RealtimeStreams } from './realtime-stream/realtime-streams.js';
import { ResponseRenderer, prefixedPath } from './response-renderer.js';
import { RevocationList } from './revocation-list.js';
import { RequestCoalescer } from './request-coalescer.js';
import { fixedHeadersOf } from './security-headers.js';
import { createRouteHandler } from './route-handler.js';

/** A request id from the client is kept when it is sane; otherwise one is made. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface Gateway {
  app: NestFastifyApplication;
  fastify: FastifyInstance;
  jwks: JwksStore;
  revocations: RevocationList;
}

/** Builds the whole HTTP edge on Nest's Fastify adapter; the caller listens and shuts down. */
export async function createGateway(config: GatewayConfig, nats: NatsConnection, logger: Logger): Promise<Gateway> {
  const hosts = parseProductHosts(config.PRODUCT_HOSTS);
  const trustedProxies = parseTrustedProxies(config.TRUSTED_PROXIES);
  const requester = new NatsRequester(nats, config.REQUEST_TIMEOUT_MS);
  const jwks = new JwksStore(nats, requester, logger);
  const revocations = new RevocationList(nats, requester);
  const guard = new AccessGuard(jwks, revocations, requester, config.API_KEY_CACHE_SECONDS);
  const renderer = new ResponseRenderer(hosts);

  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    // X-Forwarded-For is judged by clientIpFrom against TRUSTED_PROXIES, never by Fastify.
    trustProxy: false,
    genReqId: (request: IncomingMessage) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    logger: false,
    // A path Fastify cannot route (bad percent-encoding, a parameter over its length limit)
    // is refused in the product's format, like any other edge error.
    frameworkErrors: (error: unknown, request: FastifyRequest, reply: FastifyReply) => renderer.sendError(request, reply, edgeError(error)),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule, adapter, { logger: new PinoNestLogger(logger), bodyParser: true });
  app.useGlobalFilters(new ProductExceptionFilter(renderer, logger));
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  // Clients send `Content-Type: application/json` on every call, as the documents show, also on
  // a DELETE or POST without a body: an empty body is no body, not malformed JSON. Anything
  // else goes to Fastify's own parser (prototype poisoning refused).
  const jsonParser = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<Server>('application/json', { bodyLimit: config.BODY_LIMIT_BYTES }, (request, body, done) => {
    if (body.length === 0) done(null, undefined);
    else void jsonParser(request, body as unknown as string, done);
  });
  // Asked by the rate limit, the route and the access log: resolved once per request, from
  // the peer worked out once per connection (parsing its address was ~4 % of the gateway's CPU).
  const clientIps = new WeakMap<object, string>();
  const peers = new WeakMap<object, Peer>();
  const clientIp = (request: FastifyRequest) => {
    let address = clientIps.get(request.raw);
    if (address === undefined) {
      let peer = peers.get(request.socket);
      if (peer === undefined) {
        peer = describePeer(request.socket.remoteAddress, trustedProxies);
        peers.set(request.socket, peer);
      }
      address = clientIpFrom(peer, request.headers['x-forwarded-for'], trustedProxies);
      clientIps.set(request.raw, address);
    }
    return address;
  };

  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', String(request.id));
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const labels = { method: request.method, route, status: String(reply.statusCode) };
    httpRequestDuration.observe(labels, reply.elapsedTime / 1000);
    httpRequestsTotal.inc(labels);
    // The path is logged without its query string: it may carry an access token.
    logger.info(
      {
        requestId: request.id,
        method: request.method,
        path: request.url.split('?')[0],
        route,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        clientIp: clientIp(request),
      },
      'request',
    );
  });

  // helmet's headers do not depend on the request: they are worked out once and set as the
  // reply's own headers, which error replies and the SSE stream keep too.
  const securityHeaders = fixedHeadersOf(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(DOCS_CONTENT_SECURITY_POLICY) },
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    }),
  );
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(securityHeaders);
    done();
  });
  await app.register(cors as never, {
    origin: config.CORS_ORIGINS.trim() === '*' ? '*' : config.CORS_ORIGINS.split(',').map((origin) => origin.trim()),
    exposedHeaders: ['x-request-id', 'retry-after'],
    allowedHeaders: [
      'authorization',
      'content-type',
      'x-api-key',
      'x-mywifi-key',
      'idempotency-key',
      'last-event-id',
      'x-request-id',
      'accept',
      'accept-language',
    ],
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    maxAge: 600,
  });
  await app.register(rateLimit as never, {
    global: true,
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: clientIp,
    allowList: (request: FastifyRequest) => ['/health', '/ready', '/metrics'].includes(request.url.split('?')[0] ?? ''),
    errorResponseBuilder: (_request: FastifyRequest, context: { ttl: number }) => ({
      statusCode: 429,
      code: 'FST_RATE_LIMITED',
      message: 'Too many requests',
      retryAfterSeconds: Math.ceil(context.ttl / 1000),
    }),
  });

  fastify.get('/health', async () => ({ status: 'ok', time: Math.floor(Date.now() / 1000) }));
  fastify.get('/ready', async (_request, reply) => {
    const report = await checkReadiness(nats, requester, jwks);
    reply.status(report.ready ? 200 : 503).send({ status: report.ready ? 'ready' : 'not_ready', time: Math.floor(Date.now() / 1000), checks: report.checks });
  });
  fastify.get('/metrics', async (_request, reply) => {
    reply.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });
  fastify.get('/.well-known/jwks.json', async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=60').send(jwks.document);
  });
  await registerDocs(fastify, { hosts: firstHostPerProduct(hosts), baseUrl: config.PUBLIC_BASE_URL, redirectRoot: true });

  const coalescer = new RequestCoalescer(requester, config.REQUEST_TIMEOUT_MS);
  const dependencies = { guard, requester, coalescer, renderer, hosts, clientIp, timeoutMs: config.REQUEST_TIMEOUT_MS };
  const streams = new RealtimeStreams(
    {
      maxConnections: config.SSE_MAX_CONNECTIONS,
      maxBufferedBytes: config.SSE_MAX_BUFFERED_BYTES,
      pingIntervalMs: config.SSE_PING_INTERVAL_MS,
      retryMs: config.SSE_RETRY_MS,
      replayPageSize: config.SSE_REPLAY_PAGE_SIZE,
      replayTimeoutMs: config.REQUEST_TIMEOUT_MS,
    },
    { nats, requester, guard, renderer, hosts, clientIp, logger, isRevoked: (tokenId) => revocations.isRevoked(tokenId) },
  );
  streams.start();
  // Long-lived streams would hold the server open: they end first, so clients reconnect elsewhere.
  fastify.addHook('preClose', async () => streams.drain());
  for (const product of PRODUCTS) {
    for (const route of ROUTES_BY_PRODUCT[product]) {
      // The SSE stream is held by the gateway; every other route is forwarded to its service.
      const isStream = route.subject === REALTIME_STREAM_SUBJECT;
      const handler = isStream ? streams.handler(route) : createRouteHandler(route, dependencies);
      const limit = routeLimit(route, isStream, config);
      const routeConfig = limit ? { rateLimit: { max: limit.max, timeWindow: limit.windowSeconds * 1000 } } : {};
      fastify.route({ method: route.method, url: prefixedPath(route), handler, config: routeConfig });
      for (const [host, hostProduct] of hosts) {
        if (hostProduct === product && prefixedPath(route) !== route.path) {
          fastify.route({ method: route.method, url: route.path, handler, config: routeConfig, constraints: { host } });
        }
      }
    }
  }

  return { app, fastify, jwks, revocations };
}

/**
 * The route's own per-IP limit, if any: the stream (SSE_CONNECTS_PER_MINUTE) and gate ingest
 * (INGEST_REQUESTS_PER_MINUTE) have budgets apart from the global limit, as do the routes
 * that declare a tighter one (login, OTP).
 */
function routeLimit(route: RouteDefinition, isStream: boolean, config: GatewayConfig): RouteDefinition['rateLimit'] {
  if (isStream) return { max: config.SSE_CONNECTS_PER_MINUTE, windowSeconds: 60 };
  if (route.rateBudget === 'ingest') return { max: config.INGEST_REQUESTS_PER_MINUTE, windowSeconds: 60 };
  return route.rateLimit;
}

function firstHostPerProduct(hosts: Map<string, Product>): Partial<Record<Product, string>> {
  const result: Partial<Record<Product, string>> = {};
  for (const [host, product] of hosts) result[product] ??= host;
  return result;
}

/** Helmet wants directives as an object; the docs library states the policy as a header value. */
function cspDirectives(policy: string): Record<string, string[]> {
  const directives: Record<string, string[]> = {};
  for (const part of policy
    .split(';')
    .map((entry) => entry.trim())
    .filter(Boolean)) {
    const [name, ...values] = part.split(/\s+/);
    if (name) directives[name.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase())] = values;
  }
  return directives;
}
