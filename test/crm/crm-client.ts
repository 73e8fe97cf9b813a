import { expect } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { AUTH_SUBJECTS } from '@gerbang/contracts';
import { NatsRequester } from '@gerbang/runtime';
import { startFleet, type TestFleet } from '@gerbang/testing';
import pg from 'pg';

/** Password of the crm realm's bootstrap admin in these suites. */
export const ADMIN_EMAIL = 'admin@gerbang.local';
export const ADMIN_PASSWORD = 'Admin#Crm12345';

export interface CrmResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  contentType: string | null;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: Array<{ field: string; message: string; constraint: string; value: unknown }>;
  time: string;
}

export interface ListBody<T = Record<string, unknown>> {
  data: T[];
  metadata: { total_data: number; total_page: number; page: number; limit: number };
}

/** HTTP to the gateway's /crm prefix, as a CRM client, optionally with a bearer token. */
export class CrmClient {
  constructor(
    private readonly gatewayUrl: string,
    readonly token?: string,
  ) {}

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<CrmResponse<T>> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.gatewayUrl}/crm${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T, contentType: response.headers.get('content-type') };
  }

  get = <T = Record<string, unknown>>(path: string) => this.call<T>('GET', path);
  post = <T = Record<string, unknown>>(path: string, body: unknown) => this.call<T>('POST', path, body);
  put = <T = Record<string, unknown>>(path: string, body: unknown) => this.call<T>('PUT', path, body);
  delete = <T = Record<string, unknown>>(path: string) => this.call<T>('DELETE', path);
}

export interface CrmSuite {
  fleet: TestFleet;
  nats: NatsConnection;
  /** auth-rbac's management subjects, as the operator CLI uses them. */
  operator: NatsRequester;
  anonymous: CrmClient;
  admin: CrmClient;
  /** The fleet's database, to look at what the services stored. */
  database: pg.Client;
  login(email: string, password: string): Promise<CrmResponse>;
  /** A crm user whose only role grants exactly `permissions`, logged in. */
  userWith(permissions: string[]): Promise<CrmClient>;
  stop(): Promise<void>;
}

let users = 0;

/** One fleet (auth-rbac, crm-masterdata, gateway) per suite, with the bootstrap admin logged in. */
export async function startCrmSuite(): Promise<CrmSuite> {
  const fleet = await startFleet({ apps: ['auth-rbac', 'crm-masterdata', 'gateway'], env: { BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  const nats = await connect({ servers: fleet.natsUrl });
  const operator = new NatsRequester(nats, 10_000);
  const anonymous = new CrmClient(fleet.gatewayUrl);
  const login = (email: string, password: string) => anonymous.post('/v1/auth/login', { email, password });
  const tokenOf = async (email: string, password: string) => {
    const response = await login(email, password);
    if (response.status !== 200) throw new Error(`login of ${email} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return String(response.body.accessToken);
  };
  const admin = new CrmClient(fleet.gatewayUrl, await tokenOf(ADMIN_EMAIL, ADMIN_PASSWORD));
  const database = new pg.Client({ connectionString: fleet.databaseUrl });
  await database.connect();
  return {
    database,
    fleet,
    nats,
    operator,
    anonymous,
    admin,
    login,
    async userWith(permissions) {
      users += 1;
      const role = `TEST_ROLE_${users}`;
      const email = `user${users}@bbn.example.com`;
      const password = 'Pengguna#2025x';
      await operator.call(AUTH_SUBJECTS.adminUpsertRole, { realm: 'crm', name: role, formalName: `Test role ${users}`, permissions, actor: 'test' });
      await operator.call(AUTH_SUBJECTS.adminCreateUser, { realm: 'crm', email, password, role, passwordChangeRequired: false, actor: 'test' });
      return new CrmClient(fleet.gatewayUrl, await tokenOf(email, password));
    },
    async stop() {
      await database.end();
      await nats.close();
      await fleet.stop();
    },
  };
}

/**
 * Asserts the crm problem-details body of `status` for `path` (as called, without /crm) and,
 * when given, exactly these field errors (field -> constraint), each with the document's keys.
 */
export function expectProblem(response: CrmResponse<unknown>, status: number, path: string, fields?: Record<string, string>): ProblemDetails {
  const body = response.body as ProblemDetails;
  expect([response.status, response.contentType]).toEqual([status, expect.stringContaining('application/problem+json')]);
  expect(body).toEqual(
    expect.objectContaining({
      type: `https://httpstatuses.io/${status}`,
      title: expect.any(String),
      status,
      detail: expect.any(String),
      instance: `/crm${path}`,
      time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+07:00$/),
    }),
  );
  if (fields) {
    expect(Object.fromEntries((body.errors ?? []).map((error) => [error.field, error.constraint]))).toEqual(fields);
    for (const error of body.errors ?? []) {
      expect(error).toEqual({ field: expect.any(String), message: expect.any(String), constraint: expect.any(String), value: expect.anything() });
    }
  }
  return body;
}
