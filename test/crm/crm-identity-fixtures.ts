import { AUTH_SUBJECTS, MESSAGE_HEADERS, type ServiceReply } from '@gerbang/contracts';
import pg from 'pg';
import { CrmClient, startCrmSuite, type CrmResponse, type CrmSuite } from './crm-client.js';

/** Fixtures of the crm identity suites, beside crm-client.ts. */

/** The crm fleet with a database connection for assertions on what was stored (audit events). */
export async function startIdentitySuite(): Promise<{ suite: CrmSuite; database: pg.Client; stop(): Promise<void> }> {
  const suite = await startCrmSuite();
  const database = new pg.Client({ connectionString: suite.fleet.databaseUrl });
  await database.connect();
  return {
    suite,
    database,
    async stop() {
      await database.end();
      await suite.stop();
    },
  };
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: { id: string; activeRole: string | null; roles: string[] };
}

/**
 * Logs in over NATS exactly as the gateway forwards POST /crm/v1/auth/login, so suites that
 * need many users do not run into the login route's per-IP rate limit.
 */
export async function loginOverNats(suite: CrmSuite, email: string, password: string): Promise<Session> {
  const reply = await suite.operator.call<ServiceReply<Session>>(
    AUTH_SUBJECTS.login,
    { params: {}, query: {}, body: { email, password }, headers: {} },
    { headers: { [MESSAGE_HEADERS.realm]: 'crm' } },
  );
  return reply.data as Session;
}

let users = 0;

/** A logged-in internal user whose only role (made through the operator subjects) grants exactly `permissions`. */
export async function internalUserWith(suite: CrmSuite, permissions: string[]): Promise<CrmClient & { email: string }> {
  users += 1;
  const role = `FIXTURE_ROLE_${users}`;
  const email = `fixture${users}@bbn.example.com`;
  const password = 'Pengguna#2025x';
  await suite.operator.call(AUTH_SUBJECTS.adminUpsertRole, { realm: 'crm', name: role, formalName: `Fixture ${users}`, permissions, actor: 'test' });
  await suite.operator.call(AUTH_SUBJECTS.adminCreateUser, { realm: 'crm', email, password, role, passwordChangeRequired: false, actor: 'test' });
  const session = await loginOverNats(suite, email, password);
  return Object.assign(new CrmClient(suite.fleet.gatewayUrl, session.accessToken), { email });
}

// expectProblem lives in crm-client.ts, shared with the master data suites.
export { expectProblem } from './crm-client.js';

/** The response's body when it has the expected status; otherwise a failure that shows the body. */
export function expectStatus<T>(response: CrmResponse<T>, status: number): T {
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

let sequence = 0;
/** A name unique within the run. */
export const unique = (text: string): string => `${text}${++sequence}`;

/** A partner of crm-masterdata in the group (suppliers and traders need a business licence). */
export async function createPartner(admin: CrmClient, group: string): Promise<{ id: string; companyName: string }> {
  const companyName = unique(`PT Mitra ${group} `);
  const response = await admin.post<{ id: string; companyName: string }>('/v1/partners', {
    group,
    companyName,
    initial: unique('M').slice(0, 8),
    businessLicense: group === 'supplier' || group === 'trader' ? '123/asd12eas/123' : undefined,
  });
  return expectStatus(response, 201);
}

export interface RoleBody {
  name: string;
  group: string;
  formalName?: string;
  partnerId?: string;
  permissions?: unknown;
}

export async function createRole(admin: CrmClient, body: RoleBody): Promise<{ id: string; name: string }> {
  return expectStatus(await admin.post<{ id: string; name: string }>('/api/v1/auth/roles', body), 201);
}

/** A user created through the API (default password BBN2025) holding the role as its main role. */
export async function createUserWithRole(
  admin: CrmClient,
  fields: { group: string; partnerId?: string; roleId: string; name?: string },
): Promise<{ id: string; email: string }> {
  const email = `${unique('pengguna')}@example.com`;
  const response = await admin.post<{ id: string }>('/v1/auth/users', { name: 'Budi Santoso', phone: '628111111111', email, ...fields });
  return { id: expectStatus(response, 201).id, email };
}

/** Logs the user in with the default password, its first-login flag cleared directly, for tests not about that gate. */
export async function logInPastFirstLogin(suite: CrmSuite, database: pg.Client, user: { id: string; email: string }) {
  await database.query(`UPDATE "auth"."users" SET "password_change_required" = false WHERE "id" = $1`, [user.id]);
  const session = await loginOverNats(suite, user.email, 'BBN2025');
  return { ...user, session, client: new CrmClient(suite.fleet.gatewayUrl, session.accessToken) };
}
