import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { CrmClient, type CrmSuite, type ListBody } from './crm-client.js';
import {
  startIdentitySuite,
  createPartner,
  createRole,
  createUserWithRole,
  expectProblem,
  expectStatus,
  logInPastFirstLogin,
  unique,
} from './crm-identity-fixtures.js';

interface Permission {
  resource: string;
  group: string;
  description: string;
  privileges: Record<string, boolean>;
}

interface RoleView {
  id: string;
  name: string;
  formalName: string;
  group: string;
  partner: { id: string; name: string | null } | null;
  permissions: Permission[];
  createdAt: string;
  updatedAt: string;
}

interface ResourceView {
  id: string;
  group: string;
  resource: string;
  description: string;
  privileges: Array<{ name: string; description: string }>;
}

// spec/crm-batubara-niaga-api.md "Role Management" and "Privilege" over the gateway: one test
// per business rule, each asserting the problem-details body.
describe('crm roles and privileges', () => {
  let suite: CrmSuite;
  let admin: CrmClient;
  let database: pg.Client;
  let stop: (() => Promise<void>) | undefined;
  let partner: { id: string; companyName: string };

  beforeAll(async () => {
    ({ suite, database, stop } = await startIdentitySuite());
    admin = suite.admin;
    partner = await createPartner(admin, 'transporter');
  });

  afterAll(async () => {
    await stop?.();
  });

  /** A transporter user holding the role, logged in. */
  const holderOf = async (roleId: string) =>
    logInPastFirstLogin(suite, database, await createUserWithRole(admin, { group: 'transporter', partnerId: partner.id, roleId }));

  describe('POST /api/v1/auth/roles', () => {
    it("creates a role from the document's body: resource by its label, privileges as booleans, approval false ignored", async () => {
      const response = await admin.post<RoleView>('/api/v1/auth/roles', {
        name: 'DIRECTOR_OF_FINANCE',
        group: 'transporter',
        formalName: 'Direktur Finance',
        partnerId: partner.id,
        permissions: [{ resource: 'mitra', group: 'Master Data', privileges: { create: true, update: true, delete: false, approval: false } }],
      });
      expect(expectStatus(response, 201)).toEqual({
        id: expect.stringMatching(/^\d+$/),
        name: 'DIRECTOR_OF_FINANCE',
        formalName: 'Direktur Finance',
        group: 'transporter',
        partner: { id: partner.id, name: partner.companyName },
        permissions: [
          { resource: 'partner', group: 'Master Data', description: 'Mitra', privileges: { create: true, read: false, update: true, delete: false } },
        ],
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const { client } = await holderOf(response.body.id);
      expectStatus(await client.post('/v1/partners', { group: 'cbf', companyName: unique('PT Dari Peran '), initial: unique('R').slice(0, 8) }), 201);
      expectProblem(await client.get('/v1/partners'), 403, '/v1/partners');
    });

    it('keeps names unique within a group (409), while another group may reuse the name', async () => {
      await createRole(admin, { name: 'KEPALA_GUDANG', group: 'trader', permissions: [] });
      const duplicate = await admin.post('/v1/auth/roles', { name: 'KEPALA_GUDANG', group: 'trader', formal_name: 'Kepala Gudang' });
      expectProblem(duplicate, 409, '/v1/auth/roles', { name: 'unique' });
      expect(expectStatus(await admin.post<RoleView>('/v1/auth/roles', { name: 'KEPALA_GUDANG', group: 'supplier' }), 201).group).toBe('supplier');
    });

    it('accepts only permissions of the catalog', async () => {
      const response = await admin.post('/api/v1/auth/roles', {
        name: unique('PERAN_'),
        group: 'internal',
        permissions: [
          { resource: 'kontrak-lain', privileges: { read: true } },
          { resource: 'exchange-rate', privileges: { delete: true } },
        ],
      });
      expectProblem(response, 400, '/api/v1/auth/roles', { 'permissions.0.resource': 'exists', 'permissions.1.privileges.delete': 'exists' });
    });

    it('requires a name, a group of the enum and a partner of that group', async () => {
      expectProblem(await admin.post('/api/v1/auth/roles', { name: 'bukan nama!', group: 'kapal' }), 400, '/api/v1/auth/roles', {
        name: 'matches',
        group: 'oneof',
      });
      expectProblem(await admin.post('/api/v1/auth/roles', {}), 400, '/api/v1/auth/roles', { name: 'required', group: 'required' });
      expectProblem(await admin.post('/api/v1/auth/roles', { name: unique('PERAN_'), group: 'trader', partnerId: partner.id }), 400, '/api/v1/auth/roles', {
        partnerId: 'partner_group',
      });
    });
  });

  describe('GET /api/v1/auth/roles', () => {
    it("lists roles as the document's list shows them, with exact page facts, filters and sort-by/sort-dir", async () => {
      for (const name of ['ISP_A', 'ISP_B', 'ISP_C']) await createRole(admin, { name, group: 'isp', formalName: `Peran ${name}` });
      const page = expectStatus(
        await admin.get<ListBody<Record<string, unknown>>>('/api/v1/auth/roles?group=isp&page=1&limit=2&sort-by=name&sort-dir=DESC'),
        200,
      );
      expect(page.metadata).toEqual({ total_data: 3, total_page: 2, page: 1, limit: 2 });
      expect(page.data).toEqual([
        expect.objectContaining({
          name: 'ISP_A',
          formal_name: 'Peran ISP_A',
          formalName: 'Peran ISP_A',
          group: { id: 'isp', name: 'Partner ISP', isInternal: false },
          partner: null,
          permissions: [],
        }),
      ]);
      const searched = expectStatus(await admin.get<ListBody<{ name: string }>>('/v1/auth/roles?search=isp_&sort=name+asc'), 200);
      expect(searched.data.map((role) => role.name)).toEqual(['ISP_A', 'ISP_B', 'ISP_C']);
      expectProblem(await admin.get('/api/v1/auth/roles?sort=all_privileges+desc'), 400, '/api/v1/auth/roles', { sort: 'oneof' });
    });

    it('reads one role and answers 404 for an unknown one', async () => {
      const role = await createRole(admin, { name: unique('BACA_'), group: 'cbf', permissions: ['vessel:read'] });
      const read = expectStatus(await admin.get<RoleView>(`/api/v1/auth/roles/${role.id}`), 200);
      expect([read.group, read.permissions.map((permission) => permission.resource)]).toEqual(['cbf', ['vessel']]);
      expectProblem(await admin.get('/api/v1/auth/roles/424242'), 404, '/api/v1/auth/roles/424242');
    });
  });

  describe('PUT /v1/auth/roles', () => {
    it('updates by id, replacing the permissions its holders get, and records before and after', async () => {
      const role = await createRole(admin, {
        name: unique('UBAH_'),
        group: 'transporter',
        permissions: [{ resource: 'location', privileges: { read: true } }],
      });
      const { client } = await holderOf(role.id);
      const updated = await admin.put<RoleView>(`/api/v1/auth/roles/${role.id}`, {
        name: role.name,
        group: 'transporter',
        formal_name: 'Peran Diubah',
        permissions: [{ resource: 'power-plant', privileges: ['read'] }],
      });
      expect(expectStatus(updated, 200)).toEqual(
        expect.objectContaining({ formalName: 'Peran Diubah', permissions: [expect.objectContaining({ resource: 'power-plant' })] }),
      );
      // Neither permission was asked before, so no verdict the gateway cached (up to PERMISSION_CACHE_SECONDS) hides the change.
      expect((await client.get('/v1/powerplants')).status).toBe(200);
      expectProblem(await client.get('/v1/locations'), 403, '/v1/locations');
      const { rows } = await database.query<{ details: { before: RoleView; after: RoleView } }>(
        `SELECT "details" FROM "auth"."audit_events" WHERE "type" = 'crm.role.updated' AND "subject" = $1`,
        [role.id],
      );
      expect(rows.map((row) => [row.details.before.formalName, row.details.after.formalName])).toEqual([['', 'Peran Diubah']]);
    });

    it("updates by the body's name and group on the document's PUT /v1/auth/roles, keeping permissions not sent", async () => {
      const role = await createRole(admin, { name: unique('TANPA_ID_'), group: 'supplier', permissions: ['customer:read'] });
      const updated = expectStatus(await admin.put<RoleView>('/v1/auth/roles', { name: role.name, group: 'supplier', formalName: 'Nama Resmi' }), 200);
      expect([updated.id, updated.formalName, updated.permissions.map((permission) => permission.resource)]).toEqual([role.id, 'Nama Resmi', ['customer']]);
      expectProblem(await admin.put('/v1/auth/roles', { name: 'TIDAK_ADA', group: 'supplier' }), 404, '/v1/auth/roles');
    });

    it('refuses to move a role held by users to another group', async () => {
      const role = await createRole(admin, { name: unique('DIPEGANG_'), group: 'transporter' });
      await holderOf(role.id);
      expectProblem(await admin.put(`/v1/auth/roles/${role.id}`, { name: role.name, group: 'trader' }), 409, `/v1/auth/roles/${role.id}`, {
        group: 'assigned',
      });
    });

    it('refuses to change the built-in administrator role', async () => {
      const [adminRole] = (await database.query<{ id: string }>(`SELECT "id" FROM "auth"."roles" WHERE "realm" = 'crm' AND "name" = 'admin'`)).rows;
      expectProblem(
        await admin.put(`/v1/auth/roles/${adminRole?.id}`, { name: 'admin', group: 'internal', permissions: [] }),
        409,
        `/v1/auth/roles/${adminRole?.id}`,
      );
      expectProblem(await admin.delete(`/api/v1/auth/roles/${adminRole?.id}`), 409, `/api/v1/auth/roles/${adminRole?.id}`);
    });
  });

  describe('DELETE /api/v1/auth/roles/:id', () => {
    it('refuses to delete a role while it is assigned, and deletes it once nobody holds it', async () => {
      const role = await createRole(admin, { name: unique('HAPUS_'), group: 'transporter' });
      const spare = await createRole(admin, { name: unique('CADANGAN_'), group: 'transporter' });
      const holder = await holderOf(role.id);
      const path = `/api/v1/auth/roles/${role.id}`;
      const refused = expectProblem(await admin.delete(path), 409, path);
      expect(refused.detail).toContain('masih dimiliki 1 pengguna');
      const user = expectStatus(await admin.get<{ email: string }>(`/v1/auth/users/${holder.id}`), 200);
      expectStatus(
        await admin.put(`/v1/auth/users/${holder.id}`, {
          name: 'Budi Santoso',
          email: user.email,
          group: 'transporter',
          partnerId: partner.id,
          roleId: spare.id,
        }),
        200,
      );
      expect(expectStatus(await admin.delete(path), 200)).toEqual({ id: role.id, deleted: true });
      expectProblem(await admin.get(path), 404, path);
      const { rows } = await database.query(`SELECT 1 FROM "auth"."audit_events" WHERE "type" = 'crm.role.deleted' AND "subject" = $1`, [role.id]);
      expect(rows).toHaveLength(1);
    });
  });

  describe('GET /v1/auth/privileges', () => {
    it('lists the catalog with exact page facts, sorted as asked', async () => {
      const page = expectStatus(await admin.get<ListBody<ResourceView>>('/v1/auth/privileges?page=0&limit=4&sort-by=resource&sort-direction=DESC'), 200);
      expect(page.metadata).toEqual({ total_data: 17, total_page: 5, page: 0, limit: 4 });
      expect(page.data.map((resource) => resource.resource)).toEqual(['vessel', 'users', 'transportation-mode', 'shipping-order']);
      expect(page.data[1]).toEqual({
        id: expect.stringMatching(/^\d+$/),
        group: 'Pengaturan',
        resource: 'users',
        description: 'Pengguna',
        privileges: [
          { name: 'create', description: 'Akses membuat data Pengguna' },
          { name: 'read', description: 'Akses melihat data Pengguna' },
          { name: 'update', description: 'Akses mengubah data Pengguna' },
          { name: 'activation', description: 'Akses mengaktifkan dan menonaktifkan data Pengguna' },
        ],
      });
      const masterData = expectStatus(await admin.get<ListBody<ResourceView>>('/api/v1/auth/privileges?group=Master%20Data&limit=100'), 200);
      expect(masterData.metadata.total_data).toBe(6);
      expectProblem(await admin.get('/v1/auth/privileges?sort-by=privileges'), 400, '/v1/auth/privileges', { sort: 'oneof' });
    });

    it('reads one resource by id or by name, 404 otherwise', async () => {
      const byName = expectStatus(await admin.get<ResourceView>('/v1/auth/privileges/partner'), 200);
      expect(expectStatus(await admin.get<ResourceView>(`/v1/auth/privileges/${byName.id}`), 200)).toEqual(byName);
      expect(byName.privileges.map((privilege) => privilege.name)).toEqual(['create', 'read', 'update', 'delete']);
      expectProblem(await admin.get('/v1/auth/privileges/kontrak'), 404, '/v1/auth/privileges/kontrak');
    });
  });
});
