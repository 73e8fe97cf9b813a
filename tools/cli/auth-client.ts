import { randomUUID } from 'node:crypto';
import { connect, NoRespondersError, RequestError, TimeoutError, type NatsConnection } from '@nats-io/transport-node';
import { isServiceError, type ServiceError } from '@gerbang/contracts';

/** Exit codes: scripts can tell a refusal from a usage error from an unreachable service. */
export const EXIT_CODES = { ok: 0, refused: 1, usage: 2, unreachable: 3 } as const;

export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/**
 * Talks to auth-rbac's management subjects over NATS; the CLI never touches SQL. It speaks
 * the request-reply protocol of Nest's NATS transport ({pattern, data, id} out, {response |
 * err} back) itself, as @gerbang/runtime's NatsRequester does, because loading the runtime
 * (Nest, TypeORM) would add over a second to every command.
 */
export class AuthClient {
  private connection: NatsConnection | null = null;

  constructor(
    private readonly natsUrl: string,
    private readonly timeoutMs: number,
  ) {}

  async call<T>(subject: string, data: unknown): Promise<T> {
    const connection = await this.connect();
    let packet: { response?: T; err?: unknown };
    try {
      const reply = await connection.request(subject, JSON.stringify({ pattern: subject, data, id: randomUUID() }), { timeout: this.timeoutMs });
      packet = reply.json<{ response?: T; err?: unknown }>();
    } catch (error) {
      const noResponders = error instanceof NoRespondersError || (error instanceof RequestError && error.isNoResponders());
      const timedOut = error instanceof TimeoutError || (error instanceof Error && error.cause instanceof TimeoutError);
      const reason = noResponders ? 'no auth-rbac is listening' : timedOut ? `no answer within ${this.timeoutMs} ms` : String(error);
      throw new CliFailure(`auth-rbac did not answer on ${this.natsUrl} (${reason}): is it running?`, EXIT_CODES.unreachable);
    }
    if (packet.err !== undefined && packet.err !== null) {
      throw describeRefusal(isServiceError(packet.err) ? packet.err : { code: 'internal', message: 'Internal server error' });
    }
    return packet.response as T;
  }

  async close(): Promise<void> {
    await this.connection?.close().catch(() => undefined);
    this.connection = null;
  }

  private async connect(): Promise<NatsConnection> {
    if (this.connection) return this.connection;
    const servers = this.natsUrl
      .split(',')
      .map((server) => server.trim())
      .filter(Boolean);
    try {
      this.connection = await connect({ servers, name: 'gerbang-cli', reconnect: false, timeout: Math.min(this.timeoutMs, 5_000) });
      return this.connection;
    } catch (error) {
      throw new CliFailure(`cannot reach NATS at ${this.natsUrl}: ${error instanceof Error ? error.message : String(error)}`, EXIT_CODES.unreachable);
    }
  }
}

function describeRefusal(error: ServiceError): CliFailure {
  const fields = (error.fields ?? []).map((field) => `\n  ${field.field}: ${field.message}`).join('');
  return new CliFailure(`${error.code}: ${error.message}${fields}`, EXIT_CODES.refused);
}
