import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import {
  encodePrincipalHeader,
  RETRIBUSI_EVENTS_STREAM,
  MESSAGE_HEADERS,
  type ApiKeyPrincipal,
  type Principal,
  type ServiceError,
  type ServiceReply,
  type ServiceRequest,
  type UserPrincipal,
} from '@gerbang/contracts';
import { NatsRequester, type RequestOutcome } from '@gerbang/runtime';
import { eventually, startFleet, withClient, type TestFleet } from '@gerbang/testing';

export type Role = 'viewer' | 'operator' | 'admin';

/** A logged-in retribusi user of a role, as the gateway puts it in x-principal. */
export function userPrincipal(role: Role, id = role === 'admin' ? '1' : role === 'operator' ? '2' : '3'): UserPrincipal {
  return {
    kind: 'user',
    realm: 'retribusi',
    subject: id,
    username: `${role}-user`,
    roles: [role],
    activeRole: role,
    tokenId: `token-${role}`,
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
    passwordChangeRequired: false,
  };
}

export const ingestKey: ApiKeyPrincipal = { kind: 'api-key', realm: 'retribusi', keyId: 'key-1', scopes: ['retribusi:ingest'] };

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string | string[]>;
  body?: unknown;
  headers?: Record<string, string>;
  clientIp?: string;
  userAgent?: string;
}

/**
 * The retribusi-ingest app on a private NATS and database, called exactly as the gateway
 * calls it: a ServiceRequest on the route's subject with the gateway's NATS headers.
 */
export class RetribusiHarness {
  private constructor(
    readonly fleet: TestFleet,
    readonly connection: NatsConnection,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<RetribusiHarness> {
    const fleet = await startFleet({ apps: ['retribusi-ingest'], env });
    const connection = await connect({ servers: fleet.natsUrl });
    return new RetribusiHarness(fleet, connection);
  }

  async stop(): Promise<void> {
    await this.connection.close();
    await this.fleet.stop();
  }

  async request<T>(subject: string, principal: Principal | null, options: CallOptions = {}, timeoutMs = 10_000): Promise<RequestOutcome<ServiceReply<T>>> {
    const request: ServiceRequest = { params: options.params ?? {}, query: options.query ?? {}, body: options.body ?? {}, headers: options.headers ?? {} };
    return new NatsRequester(this.connection, timeoutMs).request<ServiceReply<T>>(subject, request, {
      headers: {
        [MESSAGE_HEADERS.requestId]: `test-${Math.random().toString(36).slice(2)}`,
        [MESSAGE_HEADERS.realm]: 'retribusi',
        [MESSAGE_HEADERS.principal]: principal ? encodePrincipalHeader(principal) : undefined,
        [MESSAGE_HEADERS.clientIp]: options.clientIp ?? '192.168.1.100',
        [MESSAGE_HEADERS.userAgent]: options.userAgent ?? 'Mozilla/5.0 (e2e)',
      },
    });
  }

  /** The reply of a call that must succeed. */
  async ok<T>(subject: string, principal: Principal | null, options: CallOptions = {}): Promise<ServiceReply<T>> {
    const outcome = await this.request<T>(subject, principal, options);
    if (!outcome.ok) throw new Error(`${subject} failed: ${JSON.stringify(outcome.error)}`);
    return outcome.value;
  }

  /** The error of a call that must fail. */
  async fails(subject: string, principal: Principal | null, options: CallOptions = {}): Promise<ServiceError> {
    const outcome = await this.request(subject, principal, options);
    if (outcome.ok) throw new Error(`${subject} unexpectedly succeeded: ${JSON.stringify(outcome.value)}`);
    return outcome.error;
  }

  /** Every message in RETRIBUSI_EVENTS: its Nats-Msg-Id and JSON payload. */
  async streamMessages(): Promise<Array<{ subject: string; msgId: string; payload: Record<string, unknown> }>> {
    const manager = await jetstreamManager(this.connection);
    const info = await manager.streams.info(RETRIBUSI_EVENTS_STREAM.name);
    const messages = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq += 1) {
      const message = await manager.streams.getMessage(RETRIBUSI_EVENTS_STREAM.name, { seq });
      if (message) messages.push({ subject: message.subject, msgId: message.header.get('Nats-Msg-Id'), payload: message.json<Record<string, unknown>>() });
    }
    return messages;
  }

  /** Publishes a message to RETRIBUSI_EVENTS as another publisher would (a fresh Nats-Msg-Id, so JetStream keeps it). */
  async publishToStream(subject: string, payload: unknown): Promise<void> {
    const headers = natsHeaders();
    headers.set('Nats-Msg-Id', `test-${Math.random().toString(36).slice(2)}`);
    await jetstream(this.connection).publish(subject, JSON.stringify(payload), { headers });
  }

  /** Resolves once a durable consumer of RETRIBUSI_EVENTS has been handed and has acked every message. */
  async consumerIdle(durable: string): Promise<void> {
    const manager = await jetstreamManager(this.connection);
    await eventually(
      async () => {
        const info = await manager.consumers.info(RETRIBUSI_EVENTS_STREAM.name, durable);
        return info.num_pending === 0 && info.num_ack_pending === 0 ? true : undefined;
      },
      20_000,
      `${durable} caught up`,
    );
  }

  async sql<T extends Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
    return withClient(this.fleet.databaseUrl, async (client) => (await client.query<T>(text, values)).rows);
  }
}

export { eventually } from '@gerbang/testing';

/** field -> message, as the gateway renders a 422. */
export function fieldMessages(error: ServiceError): Record<string, string> {
  return Object.fromEntries((error.fields ?? []).map((field) => [field.field, field.message]));
}

/**
 * Summaries computed from scratch from the raw events (what a recompute of every day
 * yields), to compare with what the aggregator maintained incrementally.
 */
export const SUMMARY_FROM_RAW = `
  SELECT (event_time AT TIME ZONE $1::text)::date::text AS summary_date, location_code, gate_code, category,
         count(*)::int AS total_count, sum(price)::int AS total_amount
    FROM retribusi.entry_events GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;

export const SUMMARY_STORED = `
  SELECT summary_date::text AS summary_date, location_code, gate_code, category, total_count::int AS total_count, total_amount::int AS total_amount
    FROM retribusi.daily_summaries WHERE total_count > 0 ORDER BY 1, 2, 3, 4`;

export const HOURLY_FROM_RAW = `
  SELECT (event_time AT TIME ZONE $1::text)::date::text AS summary_date, extract(hour FROM event_time AT TIME ZONE $1::text)::int AS hour,
         location_code, gate_code, category, count(*)::int AS total_count, sum(price)::int AS total_amount
    FROM retribusi.entry_events GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`;

export const HOURLY_STORED = `
  SELECT summary_date::text AS summary_date, hour::int AS hour, location_code, gate_code, category, total_count::int AS total_count, total_amount::int AS total_amount
    FROM retribusi.hourly_summaries WHERE total_count > 0 ORDER BY 1, 2, 3, 4, 5`;
