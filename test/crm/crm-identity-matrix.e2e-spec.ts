import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CRM_IDENTITY_ROUTES, CRM_ROUTES, type RouteDefinition } from '@gerbang/contracts';
import pg from 'pg';
import { type CrmClient, startCrmSuite, type CrmSuite } from './crm-client.js';
import { expectProblem, internalUserWith } from './crm-identity-fixtures.js';

const permissionOf = (route: RouteDefinition): string | undefined => (route.access.kind === 'user' ? route.access.permission : undefined);
/** The route's path with a value for each parameter: the gateway decides access before any service looks at it. */
const pathOf = (route: RouteDefinition) => route.path.replace(/:[A-Za-z]+/g, '1');
const call = (client: CrmClient, route: RouteDefinition) =>
  client.call(route.method, pathOf(route), ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined);

// The authorization matrix of every crm route that declares a resource x privilege: for each
// permission, a role holding every other privilege of the catalog but that one gets 403 on
// each route requiring it, and passes the gateway on a route of the same resource requiring
// another privilege.
describe('crm authorization matrix', () => {
  let suite: CrmSuite;
  let catalog: string[];
  const lacking = new Map<string, CrmClient>();

  const protectedRoutes = CRM_ROUTES.filter((route) => permissionOf(route) !== undefined);
  const permissions = [...new Set(protectedRoutes.map((route) => permissionOf(route) as string))].sort();

  beforeAll(async () => {
    suite = await startCrmSuite();
    const database = new pg.Client({ connectionString: suite.fleet.databaseUrl });
    await database.connect();
    const { rows } = await database.query<{ permission: string }>(
      `SELECT r."name" || ':' || p."name" AS "permission" FROM "auth"."privileges" p JOIN "auth"."resources" r ON r."id" = p."resource_id" WHERE r."realm" = 'crm'`,
    );
    await database.end();
    catalog = rows.map((row) => row.permission);
    for (const permission of permissions) {
      lacking.set(
        permission,
        await internalUserWith(
          suite,
          catalog.filter((granted) => granted !== permission),
        ),
      );
    }
  });

  afterAll(async () => {
    await suite?.stop();
  });

  it('guards every identity route with a permission of the catalog, except login, refresh, logout and the profile', () => {
    const open = CRM_IDENTITY_ROUTES.filter((route) => permissionOf(route) === undefined).map((route) => `${route.method} ${route.path}`);
    expect(open.sort()).toEqual(
      [
        'POST /v1/auth/login',
        'POST /v1/auth/refresh',
        'POST /v1/auth/logout',
        'GET /v1/profiles/me',
        'GET /api/v1/profiles/me',
        'PUT /v1/profiles/me',
        'PUT /api/v1/profiles/me',
        'PUT /api/v1/profiles/me/roles',
        'PUT /v1/profiles/me/roles',
        'POST /v1/profiles/me/credentials',
        'POST /api/v1/profiles/me/credentials',
      ].sort(),
    );
    expect(permissions.filter((permission) => !catalog.includes(permission))).toEqual([]);
    expect(permissions).toEqual(
      expect.arrayContaining([
        'users:create',
        'users:read',
        'users:update',
        'users:activation',
        'role-access:create',
        'role-access:read',
        'role-access:update',
        'role-access:delete',
      ]),
    );
  });

  it('answers 403 problem details on each protected route to a role lacking exactly its privilege', async () => {
    for (const route of protectedRoutes) {
      const client = lacking.get(permissionOf(route) as string) as CrmClient;
      const response = await call(client, route);
      expect([route.method, route.path, response.status]).toEqual([route.method, route.path, 403]);
      expectProblem(response, 403, pathOf(route));
    }
  });

  it('lets the same role through on a route of the resource that needs another privilege', async () => {
    for (const permission of permissions) {
      const [resource] = permission.split(':');
      const other = protectedRoutes.find((route) => permissionOf(route) !== permission && permissionOf(route)?.startsWith(`${resource}:`)) as RouteDefinition;
      expect([permission, other?.path]).toEqual([permission, expect.any(String)]);
      const response = await call(lacking.get(permission) as CrmClient, other);
      expect([permission, other.method, other.path, [401, 403].includes(response.status)]).toEqual([permission, other.method, other.path, false]);
    }
  });

  it('documents every identity path spelling in the crm Swagger document at /crm/docs', async () => {
    expect((await fetch(`${suite.fleet.gatewayUrl}/crm/docs`)).status).toBe(200);
    const document = (await (await fetch(`${suite.fleet.gatewayUrl}/crm/docs/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const missing = CRM_IDENTITY_ROUTES.filter((route) => !document.paths[route.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method.toLowerCase()]);
    expect(missing.map((route) => `${route.method} ${route.path}`)).toEqual([]);
    expect(Object.keys(document.paths['/v1/auth/roles'] ?? {}).sort()).toEqual(['get', 'post', 'put']);
  });

  it('lets a role without any privilege read its own profile but nothing protected', async () => {
    const nobody = await internalUserWith(suite, []);
    expect((await nobody.get('/v1/profiles/me')).status).toBe(200);
    for (const route of protectedRoutes.filter((candidate) => candidate.method === 'GET')) {
      expect([route.path, (await call(nobody, route)).status]).toEqual([route.path, 403]);
    }
  });
});
