import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  AUTH_SUBJECTS,
  encodePrincipalHeader,
  MESSAGE_HEADERS,
  type AccessTokenClaims,
  type CreatedUser,
  type JwksReply,
  type Principal,
  type Product,
  type ServiceError,
  type ServiceReply,
  type UserPrincipal,
} from '@gerbang/contracts';
import { NatsRequester, type RequestOutcome } from '@gerbang/runtime';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';

export const CLIENT_IP = '203.0.113.10';
export const ADMIN_PASSWORD = 'Admin#12345';

/** The NATS headers the gateway sets on a request it forwards. */
export function gatewayHeaders(realm: Product, principal?: Principal, clientIp = CLIENT_IP): Record<string, string> {
  return {
    [MESSAGE_HEADERS.requestId]: randomUUID(),
    [MESSAGE_HEADERS.realm]: realm,
    [MESSAGE_HEADERS.clientIp]: clientIp,
    [MESSAGE_HEADERS.userAgent]: 'gerbang-e2e/1.0',
    ...(principal ? { [MESSAGE_HEADERS.principal]: encodePrincipalHeader(principal) } : {}),
  };
}

/** The principal the gateway builds from a verified access token. */
export function principalOf(token: string): UserPrincipal {
  const claims = decodeJwt(token) as unknown as AccessTokenClaims;
  return {
    kind: 'user',
    realm: claims.realm as Product,
    subject: claims.sub,
    username: claims.username ?? '',
    roles: claims.roles ?? [],
    activeRole: claims.role ?? null,
    tokenId: claims.jti,
    expiresAt: claims.exp,
    passwordChangeRequired: claims.pcr ?? false,
  };
}

export interface LoginData {
  token: string;
  expires_in: number;
  refresh_token: string;
  refresh_expires_in: number;
  user: { id: number; username: string; role: string | null };
}

/** Speaks to auth-rbac the way the gateway and the CLI do: NATS request-reply. */
export class AuthFixture {
  readonly requester: NatsRequester;

  constructor(readonly connection: NatsConnection) {
    this.requester = new NatsRequester(connection, 10_000);
  }

  /** A gateway ServiceRequest to a user-facing subject. */
  gateway<T = unknown>(
    subject: string,
    realm: Product,
    body: unknown,
    options: { principal?: Principal; headers?: Record<string, string>; clientIp?: string } = {},
  ): Promise<RequestOutcome<ServiceReply<T>>> {
    return this.requester.request<ServiceReply<T>>(
      subject,
      { params: {}, query: {}, body, headers: options.headers ?? {} },
      { headers: gatewayHeaders(realm, options.principal, options.clientIp) },
    );
  }

  async login(realm: Product, body: Record<string, unknown>): Promise<RequestOutcome<ServiceReply<LoginData>>> {
    return this.gateway<LoginData>(AUTH_SUBJECTS.login, realm, body);
  }

  async loginOk(username: string, password: string, realm: Product = 'retribusi'): Promise<LoginData> {
    const outcome = await this.login(realm, realm === 'retribusi' ? { username, password } : { email: username, password });
    if (!outcome.ok) throw new Error(`login of ${username} failed: ${JSON.stringify(outcome.error)}`);
    return outcome.value.data as LoginData;
  }

  /** A management or service call that must succeed. */
  async admin<T>(subject: string, payload: unknown): Promise<T> {
    const outcome = await this.requester.request<T>(subject, payload);
    if (!outcome.ok) throw new Error(`${subject} failed: ${JSON.stringify(outcome.error)}`);
    return outcome.value;
  }

  /** A call that must fail; returns the error. */
  async refused(subject: string, payload: unknown): Promise<ServiceError> {
    const outcome = await this.requester.request(subject, payload);
    if (outcome.ok) throw new Error(`${subject} unexpectedly succeeded: ${JSON.stringify(outcome.value)}`);
    return outcome.error;
  }

  async createUser(realm: Product, username: string, role: string, extra: Record<string, unknown> = {}): Promise<CreatedUser> {
    return this.admin<CreatedUser>(AUTH_SUBJECTS.adminCreateUser, { realm, username, role, password: 'Secret#2025x', actor: 'e2e', ...extra });
  }

  async jwks(): Promise<JwksReply> {
    return this.admin<JwksReply>(AUTH_SUBJECTS.jwks, {});
  }

  /** Verifies a token the way a gateway does: against the published JWKS, with issuer and audience. */
  async verify(token: string, realm: Product) {
    const keySet = createLocalJWKSet((await this.jwks()) as Parameters<typeof createLocalJWKSet>[0]);
    return jwtVerify(token, keySet, { issuer: 'gerbang-auth', audience: realm, algorithms: ['ES256'] });
  }
}

/** Collects what arrives on a core NATS subject (as a gateway replica subscribes). */
export async function collectEvents<T>(
  connection: NatsConnection,
  subject: string,
): Promise<{ events: T[]; waitFor(predicate: (event: T) => boolean, timeoutMs?: number): Promise<T> }> {
  const events: T[] = [];
  const waiters: Array<{ predicate: (event: T) => boolean; resolve: (event: T) => void }> = [];
  connection.subscribe(subject, {
    callback: (error, message) => {
      if (error) return;
      const event = message.json<T>();
      events.push(event);
      for (const waiter of waiters.filter((candidate) => candidate.predicate(event))) waiter.resolve(event);
    },
  });
  // The server knows the subscription once flush returns, so no later event is missed.
  await connection.flush();
  return {
    events,
    waitFor(predicate, timeoutMs = 1_000) {
      const found = events.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${subject} event matched within ${timeoutMs} ms (got ${JSON.stringify(events)})`)), timeoutMs);
        waiters.push({
          predicate,
          resolve: (event) => {
            clearTimeout(timer);
            resolve(event);
          },
        });
      });
    },
  };
}

export const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));
