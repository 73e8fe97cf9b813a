import { randomUUID } from 'node:crypto';
import {
  connect,
  headers as natsHeaders,
  InvalidArgumentError,
  NoRespondersError,
  RequestError,
  TimeoutError,
  type NatsConnection,
} from '@nats-io/transport-node';
import { isServiceError, type ServiceError } from '@gerbang/contracts';
import { Transport, type NatsOptions } from '@nestjs/microservices';
import { MESSAGE_HEADERS } from '@gerbang/contracts';
import { requestContext, type RequestContext } from './request-context.js';
import { childTraceparent, formatTraceparent } from './trace-context.js';

export function natsServers(url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222'): string[] {
  return url
    .split(',')
    .map((server) => server.trim())
    .filter(Boolean);
}

/** The one place that builds a service's NATS transport: queue group = app name, so replicas share load. */
export function natsTransportOptions(app: string, url?: string): NatsOptions {
  return {
    transport: Transport.NATS,
    options: {
      servers: natsServers(url),
      name: app,
      queue: app,
      gracefulShutdown: true,
      // Nest waits the whole period after unsubscribing, so in-flight replies can still go out.
      gracePeriod: Number(process.env.SHUTDOWN_GRACE_MS ?? 2_000),
      maxReconnectAttempts: -1,
      ...FAST_REQUESTS,
    },
  };
}

/**
 * nats.js captures a stack trace for every request and timer up front so a later timeout can
 * point at its caller; on the gateway's hot path that was ~7 % of CPU. Our errors carry the
 * subject and request id instead.
 */
const FAST_REQUESTS = { noAsyncTraces: true } as const;

export async function connectNats(app: string, url?: string): Promise<NatsConnection> {
  return connect({ servers: natsServers(url), name: app, maxReconnectAttempts: -1, ...FAST_REQUESTS });
}

export type RequestOutcome<T> = { ok: true; value: T } | { ok: false; error: ServiceError };

/** Options of one request; `context` is the caller's request, when it holds it rather than running inside it. */
export interface RequestOptions {
  headers?: Record<string, string | undefined>;
  timeoutMs?: number;
  context?: RequestContext;
}

/**
 * Request-reply over core NATS in the wire protocol of Nest's NATS transport
 * ({pattern, data, id} out, {response | err} back), so callers need no Nest client and can
 * tell a timeout (service_timeout) from no responders (service_unavailable).
 */
export class NatsRequester {
  constructor(
    private readonly connection: NatsConnection,
    private readonly defaultTimeoutMs = 10_000,
  ) {}

  async request<T>(subject: string, data: unknown, options: RequestOptions = {}): Promise<RequestOutcome<T>> {
    const messageHeaders = natsHeaders();
    // Inside a request, calls carry its request id and a child span of its trace.
    const context = options.context ?? requestContext.getStore();
    const inherited = {
      [MESSAGE_HEADERS.requestId]: context?.requestId,
      [MESSAGE_HEADERS.traceparent]: context ? formatTraceparent(childTraceparent(context.traceparent)) : undefined,
    };
    for (const [name, value] of Object.entries({ ...inherited, ...options.headers })) if (value) messageHeaders.set(name, value);
    const id = randomUUID();
    try {
      const reply = await this.connection.request(subject, JSON.stringify({ pattern: subject, data, id }), {
        timeout: options.timeoutMs ?? this.defaultTimeoutMs,
        headers: messageHeaders,
      });
      const packet = reply.json<{ response?: T; err?: unknown }>();
      if (packet.err !== undefined && packet.err !== null) {
        return { ok: false, error: isServiceError(packet.err) ? packet.err : { code: 'internal', message: 'Internal server error' } };
      }
      return { ok: true, value: packet.response as T };
    } catch (error) {
      return { ok: false, error: describeRequestFailure(error) };
    }
  }

  /** Like request, but throws the ServiceError; for callers that only pass failures on. */
  async call<T>(subject: string, data: unknown, options: RequestOptions = {}): Promise<T> {
    const outcome = await this.request<T>(subject, data, options);
    if (!outcome.ok) throw new RemoteServiceError(outcome.error);
    return outcome.value;
  }
}

export class RemoteServiceError extends Error {
  constructor(readonly error: ServiceError) {
    super(error.message);
  }
}

function describeRequestFailure(error: unknown): ServiceError {
  const noResponders = error instanceof NoRespondersError || (error instanceof RequestError && error.isNoResponders());
  if (noResponders) return { code: 'service_unavailable', message: 'Service unavailable' };
  // A body just under BODY_LIMIT_BYTES plus the message's envelope can pass the server's max_payload.
  if (error instanceof InvalidArgumentError && error.message.includes('max_payload')) {
    return { code: 'payload_too_large', message: 'Request body is too large' };
  }
  if (error instanceof TimeoutError || (error instanceof Error && error.cause instanceof TimeoutError)) {
    return { code: 'service_timeout', message: 'Service did not answer in time' };
  }
  return { code: 'service_unavailable', message: 'Service unavailable' };
}
