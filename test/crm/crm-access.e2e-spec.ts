import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CRM_MASTERDATA_ROUTES, PRODUCT_PREFIX } from '@gerbang/contracts';
import { decodeJwt } from 'jose';
import { ADMIN_EMAIL, ADMIN_PASSWORD, CrmClient, startCrmSuite, type CrmSuite, type ProblemDetails } from './crm-client.js';

// CRM access through the gateway: login in the crm realm, refresh rotation, logout, the
// seeded resource x privilege catalog and the permission each route declares.
describe('crm access', () => {
  let suite: CrmSuite;

  beforeAll(async () => {
    suite = await startCrmSuite();
  });

  afterAll(async () => {
    await suite?.stop();
  });

  const problem = (status: number, instance: string) =>
    expect.objectContaining({
      type: `https://httpstatuses.io/${status}`,
      title: expect.any(String),
      status,
      detail: expect.any(String),
      instance,
      time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+07:00$/),
    });

  describe('POST /v1/auth/login', () => {
    it('logs the bootstrap admin in with e-mail and password and answers camelCase tokens', async () => {
      const response = await suite.login(ADMIN_EMAIL, ADMIN_PASSWORD);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 3600,
        refreshToken: expect.stringMatching(/^grt_/),
        refreshExpiresIn: 2592000,
        user: { id: expect.stringMatching(/^\d+$/), name: 'Administrator', email: ADMIN_EMAIL, activeRole: 'admin', roles: ['admin'] },
      });
      expect(decodeJwt(String(response.body.accessToken))).toMatchObject({ aud: 'crm', realm: 'crm', role: 'admin', typ: 'user' });
    });

    it('answers a wrong password with 401 problem details', async () => {
      const response = await suite.login(ADMIN_EMAIL, 'Salah#Password1');
      expect(response.status).toBe(401);
      expect(response.contentType).toContain('application/problem+json');
      expect(response.body).toEqual(problem(401, '/crm/v1/auth/login'));
    });

    it('answers a missing e-mail with 400 naming the field', async () => {
      const response = await suite.anonymous.post<ProblemDetails>('/v1/auth/login', { password: 'x' });
      expect(response.status).toBe(400);
      expect(response.body).toEqual(problem(400, '/crm/v1/auth/login'));
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'email' })]);
    });
  });

  describe('refresh and logout', () => {
    it('rotates the refresh token and refuses the old one afterwards', async () => {
      const first = await suite.login(ADMIN_EMAIL, ADMIN_PASSWORD);
      const refreshed = await suite.anonymous.post('/v1/auth/refresh', { refreshToken: first.body.refreshToken });
      expect(refreshed.status).toBe(200);
      expect(refreshed.body).toEqual(expect.objectContaining({ accessToken: expect.any(String), refreshToken: expect.stringMatching(/^grt_/) }));
      expect(refreshed.body.refreshToken).not.toBe(first.body.refreshToken);
      const reused = await suite.anonymous.post('/v1/auth/refresh', { refresh_token: first.body.refreshToken });
      expect(reused.status).toBe(401);
      expect(reused.body).toEqual(problem(401, '/crm/v1/auth/refresh'));
    });

    it('revokes the access token at logout', async () => {
      const session = await suite.login(ADMIN_EMAIL, ADMIN_PASSWORD);
      const client = new CrmClient(suite.fleet.gatewayUrl, String(session.body.accessToken));
      expect((await client.get('/v1/customers')).status).toBe(200);
      const logout = await client.post('/v1/auth/logout', { refreshToken: session.body.refreshToken });
      expect(logout.status).toBe(200);
      expect(logout.body).toEqual({ logged_out: true });
      const after = await client.get('/v1/customers');
      expect(after.status).toBe(401);
      expect(after.body).toEqual(problem(401, '/crm/v1/customers'));
      expect((await suite.anonymous.post('/v1/auth/refresh', { refreshToken: session.body.refreshToken })).status).toBe(401);
    });
  });

  describe('seeded catalog', () => {
    it('holds the document table: groups, resources and privileges', async () => {
      const { rows } = await suite.database.query<{ group_name: string; name: string; privileges: string[] }>(
        `SELECT r."group_name", r."name", array_agg(p."name" ORDER BY p."name") AS privileges
           FROM "auth"."resources" r JOIN "auth"."privileges" p ON p."resource_id" = r."id"
          WHERE r."realm" = 'crm' GROUP BY r."id" ORDER BY r."id"`,
      );
      const crud = ['create', 'delete', 'read', 'update'];
      const reviewed = [...crud, 'review-1', 'review-2'].sort();
      expect(rows).toEqual([
        { group_name: 'Pengaturan', name: 'role-access', privileges: crud },
        { group_name: 'Pengaturan', name: 'users', privileges: ['activation', 'create', 'read', 'update'] },
        ...['customer', 'partner', 'location', 'power-plant', 'transportation-mode', 'vessel'].map((name) => ({
          group_name: 'Master Data',
          name,
          privileges: crud,
        })),
        { group_name: 'Referensi Data', name: 'exchange-rate', privileges: ['create', 'read', 'update'] },
        { group_name: 'Referensi Data', name: 'fuel-price', privileges: ['create', 'read', 'update'] },
        ...['pjbb-customers', 'pjbb-partners', 'pjab-partners', 'cbf-partners', 'isp-partners'].map((name) => ({
          group_name: 'Kontrak',
          name,
          privileges: reviewed,
        })),
        { group_name: 'Perencanaan Pengiriman', name: 'shipping-order', privileges: reviewed },
        { group_name: 'Operasi Pengiriman', name: 'shipping-operation', privileges: [...reviewed, 'review-3'].sort() },
      ]);
    });

    it('describes resources and privileges as the seed SQL does', async () => {
      const { rows } = await suite.database.query<{ resource: string; description: string }>(
        `SELECT r."name" AS resource, p."description" FROM "auth"."privileges" p JOIN "auth"."resources" r ON r."id" = p."resource_id"
          WHERE r."realm" = 'crm' AND (r."name", p."name") IN (('customer', 'create'), ('users', 'activation'), ('vessel', 'delete'), ('fuel-price', 'read'))
          ORDER BY r."name"`,
      );
      expect(rows).toEqual([
        { resource: 'customer', description: 'Akses membuat data Pelanggan' },
        { resource: 'fuel-price', description: 'Akses melihat data Harga BBM' },
        { resource: 'users', description: 'Akses mengaktifkan dan menonaktifkan data Pengguna' },
        { resource: 'vessel', description: 'Akses menghapus data Kapal / Vessel' },
      ]);
    });

    it('gives the bootstrap admin a role with every privilege', async () => {
      const { rows } = await suite.database.query(
        `SELECT r."name", r."all_privileges" FROM "auth"."roles" r JOIN "auth"."role_assignments" a ON a."role_id" = r."id"
           JOIN "auth"."users" u ON u."id" = a."user_id" WHERE u."realm" = 'crm' AND u."email" = $1`,
        [ADMIN_EMAIL],
      );
      expect(rows).toEqual([{ name: 'admin', all_privileges: true }]);
    });

    it('declares on every master and reference data route a permission of the catalog', async () => {
      const { rows } = await suite.database.query<{ permission: string }>(
        `SELECT r."name" || ':' || p."name" AS permission FROM "auth"."privileges" p JOIN "auth"."resources" r ON r."id" = p."resource_id" WHERE r."realm" = 'crm'`,
      );
      const catalog = new Set(rows.map((row) => row.permission));
      for (const route of CRM_MASTERDATA_ROUTES) {
        expect(route.access).toEqual({ kind: 'user', permission: expect.any(String) });
        const permission = route.access.kind === 'user' ? String(route.access.permission) : '';
        expect([`${route.method} ${route.path}`, catalog.has(permission)]).toEqual([`${route.method} ${route.path}`, true]);
      }
    });
  });

  describe('permissions per route', () => {
    // Logins are rate limited (10 a minute per client): two users cover every case.
    let reader: CrmClient;
    let editor: CrmClient;
    beforeAll(async () => {
      reader = await suite.userWith(['customer:read', 'transportation-mode:update']);
      editor = await suite.userWith(['vessel:read', 'vessel:update', 'transportation-mode:update']);
    });

    it('answers 401 problem details without a token', async () => {
      const response = await suite.anonymous.get('/v1/vessels');
      expect(response.status).toBe(401);
      expect(response.body).toEqual(problem(401, '/crm/v1/vessels'));
      // The gateway's own refusals speak the document's language too.
      expect(response.body).toEqual(expect.objectContaining({ detail: 'Token akses wajib disertakan' }));
    });

    it('lets a role with customer:read list customers but not create, update or delete them', async () => {
      expect((await reader.get('/v1/customers')).status).toBe(200);
      const created = await suite.admin.post<{ id: string }>('/v1/customers', {
        companyName: 'PT Hak Akses',
        companyPhone: '021555',
        companyAddress: 'Jakarta',
        initial: 'HA',
      });
      expect(created.status).toBe(201);
      for (const [method, path] of [
        ['POST', '/v1/customers'],
        ['PUT', `/v1/customers/${created.body.id}`],
        ['DELETE', `/v1/customers/${created.body.id}`],
        ['GET', '/v1/vessels'],
      ] as const) {
        const response = await reader.call(method, path, method === 'GET' || method === 'DELETE' ? undefined : { companyName: 'X' });
        expect([method, path, response.status]).toEqual([method, path, 403]);
        expect(response.body).toEqual(problem(403, `/crm${path}`));
        expect(response.body).toEqual(expect.objectContaining({ detail: 'Anda tidak memiliki hak akses untuk tindakan ini' }));
      }
      expect((await reader.get(`/v1/customers/${created.body.id}`)).status).toBe(200);
    });

    it('grants exactly the privilege a role holds on each resource (vessel:update without vessel:create)', async () => {
      const vessel = await suite.admin.post<{ id: string }>('/v1/vessels', { name: 'KM Izin Ubah', vesselType: 'barge' });
      expect(vessel.status).toBe(201);
      expect((await editor.put(`/v1/vessels/${vessel.body.id}`, { name: 'KM Izin Ubah 2', vesselType: 'barge' })).status).toBe(200);
      expect((await editor.post('/v1/vessels', { name: 'KM Baru', vesselType: 'barge' })).status).toBe(403);
      expect((await editor.delete(`/v1/vessels/${vessel.body.id}`)).status).toBe(403);
    });

    it('wants vessel:update too for the vessel update at the transportation mode path', async () => {
      const vessel = await suite.admin.post<{ id: string }>('/v1/vessels', { name: 'KM Jalur Lain', vesselType: 'tugboat' });
      const refused = await reader.put(`/v1/transportationModes/${vessel.body.id}`, { name: 'KM Jalur Lain 2', vesselType: 'tugboat' });
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual(problem(403, `/crm/v1/transportationModes/${vessel.body.id}`));
      expect((await editor.put(`/v1/transportationModes/${vessel.body.id}`, { name: 'KM Jalur Lain 2', vesselType: 'tugboat' })).status).toBe(200);
    });
  });

  it('serves the crm Swagger UI and document at /crm/docs', async () => {
    const page = await fetch(`${suite.fleet.gatewayUrl}${PRODUCT_PREFIX.crm}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const document = (await (await fetch(`${suite.fleet.gatewayUrl}/crm/docs/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/auth/login',
        '/v1/customers/{id}',
        '/v1/powerplants',
        '/v1/transportationModes/{id}',
        '/v1/exchangeRateReferences/{period}',
      ]),
    );
    expect(Object.keys(document.paths['/v1/vessels/{id}'] ?? {}).sort()).toEqual(['delete', 'get', 'put']);
  });
});
