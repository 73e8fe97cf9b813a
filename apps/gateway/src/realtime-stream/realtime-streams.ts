import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { REALTIME_SUBJECTS, type RealtimeReplayReplyV1, type RealtimeReplayRequestV1, type RouteDefinition, type ServiceError } from '@gerbang/contracts';
import type { NatsRequester, RequestContext, RequestOutcome } from '@gerbang/runtime';
import { WIRE_FORMATS } from '@gerbang/wire';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { AccessGuard } from '../access-guard.js';
import { hostOf, type ProductHosts } from '../product-resolver.js';
import type { ResponseRenderer } from '../response-renderer.js';
import { parseRealtimeEvent, parseReplayReply } from './realtime-payloads.js';
import { RealtimeHub, type ReplayFunction, type StreamCloseReason } from './realtime-hub.js';
import { errorFrame, resetFor, resetFrame, retryFrame } from './sse-frames.js';
import { firstHeader } from '../first-header.js';
import { requestContextOf } from '../request-trace.js';
import { parseStreamQuery } from './stream-query.js';
import { streamResets } from './stream-metrics.js';
import { StreamSession } from './stream-session.js';

export interface RealtimeStreamsSettings {
  maxConnections: number;
  maxBufferedBytes: number;
  pingIntervalMs: number;
  retryMs: number;
  replayPageSize: number;
  replayTimeoutMs: number;
}

export interface RealtimeStreamsDependencies {
  nats: NatsConnection;
  requester: NatsRequester;
  guard: AccessGuard;
  renderer: ResponseRenderer;
  hosts: ProductHosts;
  isRevoked: (tokenId: string) => boolean;
  clientIp: (request: FastifyRequest) => string;
  logger: Logger;
}

/**
 * GET /retribusi/v1/realtime/stream, held by the gateway itself: one live NATS subscription per
 * process (RealtimeHub) feeding every stream, resume through the realtime service's replay
 * subject, and a clean end of every stream on shutdown so clients reconnect to another replica.
 */
export class RealtimeStreams {
  readonly hub: RealtimeHub;
  private readonly replay: ReplayFunction;
  private subscription?: Subscription;
  private draining = false;

  constructor(
    private readonly settings: RealtimeStreamsSettings,
    private readonly dependencies: RealtimeStreamsDependencies,
  ) {
    this.replay = (request: RealtimeReplayRequestV1) => this.requestReplay(request);
    this.hub = new RealtimeHub({
      replay: this.replay,
      pageSize: settings.replayPageSize,
      pingIntervalMs: settings.pingIntervalMs,
      logger: dependencies.logger,
    });
  }

  start(): void {
    const { logger } = this.dependencies;
    this.subscription = this.dependencies.nats.subscribe(REALTIME_SUBJECTS.live, {
      callback: (error, message) => {
        if (error) return;
        let event = null;
        try {
          event = parseRealtimeEvent(message.json());
        } catch {
          // Not JSON: reported below like any malformed event.
        }
        if (event) this.hub.onLive(event);
        else logger.warn({ subject: message.subject }, 'malformed realtime event ignored');
      },
    });
    this.hub.start();
  }

  /** Ends every stream cleanly (each with a jittered `retry:` hint) and stops the feed; new streams get 503. */
  drain(): void {
    this.draining = true;
    this.subscription?.unsubscribe();
    this.hub.stop('shutdown');
  }

  /** The Fastify handler of the stream route. */
  handler(route: RouteDefinition) {
    return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      await this.open(route, request, reply, requestContextOf(request));
    };
  }

  private async open(route: RouteDefinition, request: FastifyRequest, reply: FastifyReply, context: RequestContext): Promise<void> {
    const { renderer, hosts, guard } = this.dependencies;
    const hostProduct = hosts.get(hostOf(request.headers.host));
    if (hostProduct && hostProduct !== route.product) {
      return renderer.sendError(request, reply, { code: 'route_not_found', message: 'Resource not found' }, undefined, hostProduct);
    }
    const query = (request.query ?? {}) as Record<string, string | string[] | undefined>;
    const access = await guard.authorize(route, {
      authorization: firstHeader(request.headers.authorization),
      queryToken: firstHeader(query['access_token']),
      headers: request.headers,
      clientIp: this.dependencies.clientIp(request),
      context,
    });
    if (!access.ok) return renderer.sendError(request, reply, access.error, route);
    const parsed = parseStreamQuery(query, request.headers['last-event-id']);
    if (!parsed.ok) return renderer.sendError(request, reply, { code: 'validation_failed', message: 'Validation failed', fields: parsed.fields }, route);
    if (this.draining)
      return renderer.sendError(request, reply, { code: 'service_unavailable', message: 'Gateway is shutting down', retryAfterSeconds: 1 }, route);
    if (this.hub.size >= this.settings.maxConnections) {
      return renderer.sendError(
        request,
        reply,
        { code: 'service_unavailable', message: 'Too many open streams, try again later', retryAfterSeconds: 5 },
        route,
      );
    }

    if (request.method === 'HEAD') {
      // Fastify serves HEAD with the GET handler: the headers, and no stream to hold.
      reply.hijack();
      this.writeHead(reply);
      reply.raw.end();
      return;
    }

    if (reply.raw.destroyed) {
      // The client left while its token was checked: nothing to hold.
      reply.hijack();
      return;
    }

    const principal = access.principal;
    const tokenId = principal && principal.kind !== 'api-key' ? principal.tokenId : null;
    const openedAt = Date.now();
    const session = new StreamSession({
      response: reply.raw,
      locationCode: parsed.locationCode,
      lastSentId: parsed.lastId ?? 0,
      replaying: parsed.lastId !== null,
      maxBufferedBytes: this.settings.maxBufferedBytes,
      pingIntervalMs: this.settings.pingIntervalMs,
      expiresAt: principal && principal.kind !== 'api-key' ? principal.expiresAt : null,
      isRevoked: () => tokenId !== null && this.dependencies.isRevoked(tokenId),
      farewell: (reason) => (reason === 'shutdown' ? retryFrame(this.settings.retryMs * (0.1 + 0.9 * Math.random())) : undefined),
      onClose: (closed, reason) => {
        this.hub.remove(closed);
        this.logClosed(request, closed, reason, openedAt);
      },
    });
    // Registered before the first replay request: live events from here on are held, so the
    // replay and the live feed overlap and nothing falls between them.
    this.hub.add(session);

    let page: RealtimeReplayReplyV1 | null = null;
    if (parsed.lastId !== null) {
      const first = await this.requestReplay(
        { afterId: parsed.lastId, locationCode: parsed.locationCode ?? undefined, limit: this.settings.replayPageSize },
        context,
      );
      if (!first.ok) {
        session.close('replay_failed');
        return renderer.sendError(request, reply, first.error, route);
      }
      page = first.value;
    }
    reply.hijack();
    if (session.closed) {
      // The client left, or the stream was ended (shutdown, held events overflowed) during the first replay.
      reply.raw.destroy();
      return;
    }

    this.writeHead(reply);
    session.begin(retryFrame(this.settings.retryMs));
    try {
      if (page && parsed.lastId !== null) await this.catchUp(request, route, session, parsed.lastId, parsed.locationCode, page, context);
      session.goLive();
    } catch (error) {
      // Headers are out: the stream can only end; the client resumes from its last id.
      this.dependencies.logger.error({ err: error, requestId: request.id }, 'stream failed during replay');
      session.close('replay_failed');
      return;
    }
    this.dependencies.logger.debug({ requestId: request.id, locationCode: parsed.locationCode, resumeAfter: parsed.lastId }, 'stream opened');
  }

  private writeHead(reply: FastifyReply): void {
    // Headers set through Fastify so far (request id, CORS, rate limit) go out with the stream's own.
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) reply.raw.setHeader(name, value);
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx and similar proxies buffer responses unless told not to.
      'x-accel-buffering': 'no',
    });
  }

  /** Replays after `lastId` page by page (announcing a reset when that id is no longer kept). */
  private async catchUp(
    request: FastifyRequest,
    route: RouteDefinition,
    session: StreamSession,
    lastId: number,
    locationCode: string | null,
    first: RealtimeReplayReplyV1,
    context: RequestContext,
  ): Promise<void> {
    const reset = resetFor(lastId, first);
    if (reset) {
      streamResets.inc();
      session.send(resetFrame(reset));
      // An id beyond the history (it was rebuilt): everything it now holds after its latest is new.
      if (lastId > first.latestId) session.lastSentId = first.latestId;
    }
    let page = first;
    for (;;) {
      if (!(await session.sendReplayed(page.events))) return;
      const lastEvent = page.events.at(-1);
      if (!page.hasMore || !lastEvent) return;
      const next = await this.requestReplay({ afterId: lastEvent.id, locationCode: locationCode ?? undefined, limit: this.settings.replayPageSize }, context);
      if (!next.ok) {
        const body = WIRE_FORMATS[route.product].error(next.error, this.dependencies.renderer.context(request, route.product, route)).body;
        return session.fail(errorFrame(body), 'replay_failed');
      }
      page = next.value;
    }
  }

  /** `context`: the stream whose replay this is; none for the hub's own gap fills. */
  private async requestReplay(request: RealtimeReplayRequestV1, context?: RequestContext): Promise<RequestOutcome<RealtimeReplayReplyV1>> {
    const outcome = await this.dependencies.requester.request<unknown>(REALTIME_SUBJECTS.replay, request, {
      timeoutMs: this.settings.replayTimeoutMs,
      context,
    });
    if (!outcome.ok) return outcome;
    const reply = parseReplayReply(outcome.value);
    if (reply) return { ok: true, value: reply };
    this.dependencies.logger.error({ subject: REALTIME_SUBJECTS.replay }, 'realtime replay answered outside its contract');
    const error: ServiceError = { code: 'internal', message: 'Internal server error' };
    return { ok: false, error };
  }

  /** The stream's own log line; the path is logged without its query, which may carry access_token. */
  private logClosed(request: FastifyRequest, session: StreamSession, reason: StreamCloseReason, openedAt: number): void {
    this.dependencies.logger.info(
      {
        requestId: request.id,
        path: request.url.split('?')[0],
        reason,
        events: session.eventsSent,
        ms: Date.now() - openedAt,
        clientIp: this.dependencies.clientIp(request),
      },
      'stream closed',
    );
  }
}
