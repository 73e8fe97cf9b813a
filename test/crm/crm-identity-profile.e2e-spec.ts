import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import type pg from 'pg';
import { CrmClient, type CrmSuite } from './crm-client.js';
import {
  startIdentitySuite,
  createPartner,
  createRole,
  createUserWithRole,
  expectProblem,
  expectStatus,
  loginOverNats,
  logInPastFirstLogin,
} from './crm-identity-fixtures.js';

interface RoleOfProfile {
  id: string;
  name: string;
  formalName: string;
  startDate: string;
  start_date: string;
  validUntil: string | null;
  temporary: boolean;
  permissions: Array<{ resource: string; group: string; description: string; privileges: Record<string, boolean> }>;
}

interface Profile {
  id: string;
  name: string;
  email: string;
  phone: string;
  group: string;
  partner: { id: string; name: string | null } | null;
  passwordChangeRequired: boolean;
  assigned_roles: RoleOfProfile[];
  active_role: RoleOfProfile | null;
}

const NEW_PASSWORD = 'Batubara#2025';

// spec/crm-batubara-niaga-api.md "Profile Management" over the gateway: the profile, one
// active role per session, the first-login password gate and temporary role expiry.
describe('crm profile', () => {
  let suite: CrmSuite;
  let admin: CrmClient;
  let database: pg.Client;
  let stop: (() => Promise<void>) | undefined;
  let partner: { id: string; companyName: string };
  let vesselReader: { id: string; name: string };
  let customerReader: { id: string; name: string };

  beforeAll(async () => {
    ({ suite, database, stop } = await startIdentitySuite());
    admin = suite.admin;
    partner = await createPartner(admin, 'transporter');
    vesselReader = await createRole(admin, {
      name: 'PEMBACA_KAPAL',
      group: 'transporter',
      formalName: 'Pembaca Kapal',
      permissions: [{ resource: 'vessel', privileges: { read: true } }],
    });
    customerReader = await createRole(admin, {
      name: 'PEMBACA_PELANGGAN',
      group: 'transporter',
      formalName: 'Pembaca Pelanggan',
      permissions: [{ resource: 'customer', privileges: { read: true } }],
    });
  });

  afterAll(async () => {
    await stop?.();
  });

  /** A transporter user holding vesselReader (the main role), created through the API with the default password. */
  const newUser = () => createUserWithRole(admin, { group: 'transporter', partnerId: partner.id, roleId: vesselReader.id });
  /** Such a user who has already replaced the default password, logged in. */
  const activeUser = async () => logInPastFirstLogin(suite, database, await newUser());

  describe('GET /v1/profiles/me', () => {
    it("shows the admin's role with every privilege of the catalog as the active role", async () => {
      const profile = expectStatus(await admin.get<Profile>('/v1/profiles/me'), 200);
      expect(profile).toEqual({
        id: expect.stringMatching(/^\d+$/),
        name: 'Administrator',
        email: 'admin@gerbang.local',
        phone: '',
        group: 'internal',
        partner: null,
        passwordChangeRequired: false,
        assigned_roles: [expect.objectContaining({ name: 'admin', formalName: 'Administrator', validUntil: null, temporary: false })],
        active_role: profile.assigned_roles[0],
      });
      const permissions = profile.assigned_roles[0]?.permissions ?? [];
      expect(permissions).toHaveLength(17);
      expect(permissions.find((permission) => permission.resource === 'users')).toEqual({
        resource: 'users',
        group: 'Pengaturan',
        description: 'Pengguna',
        privileges: { create: true, read: true, update: true, activation: true },
      });
      expect(permissions.every((permission) => Object.values(permission.privileges).every(Boolean))).toBe(true);
    });

    it('lists every role the user holds, with permissions, the partner and the active role', async () => {
      const user = await activeUser();
      expectStatus(
        await admin.call('PATCH', `/v1/users/${user.id}/roles`, { name: 'PEMBACA_PELANGGAN', startDate: '2025-01-01', validUntil: '2099-12-31' }),
        200,
      );
      const profile = expectStatus(await user.client.get<Profile>('/api/v1/profiles/me'), 200);
      expect(profile).toEqual(
        expect.objectContaining({
          email: user.email,
          group: 'transporter',
          partner: { id: partner.id, name: partner.companyName },
          passwordChangeRequired: false,
        }),
      );
      expect(profile.assigned_roles).toEqual([
        expect.objectContaining({
          id: vesselReader.id,
          temporary: false,
          permissions: [
            {
              resource: 'vessel',
              group: 'Master Data',
              description: 'Kapal / Vessel',
              privileges: { create: false, read: true, update: false, delete: false },
            },
          ],
        }),
        expect.objectContaining({ id: customerReader.id, startDate: '2025-01-01', start_date: '2025-01-01', validUntil: '2099-12-31', temporary: true }),
      ]);
      expect(profile.active_role?.id).toBe(vesselReader.id);
    });
  });

  describe('first login', () => {
    it('answers 403 everywhere but the profile until the default password is changed, then lets the new token through', async () => {
      const user = await newUser();
      const session = await loginOverNats(suite, user.email, 'BBN2025');
      const pending = new CrmClient(suite.fleet.gatewayUrl, session.accessToken);
      const gated = expectProblem(await pending.get('/v1/vessels'), 403, '/v1/vessels');
      expect(gated.detail).toBe('Kata sandi harus diganti terlebih dahulu');
      expect(expectStatus(await pending.get<Profile>('/v1/profiles/me'), 200).passwordChangeRequired).toBe(true);
      expectStatus(await pending.put('/v1/profiles/me', { name: 'Budi S.', phone: '628111111112' }), 200);
      const changed = await pending.post<{ message: string; accessToken: string; tokenType: string; expiresIn: number }>('/api/v1/profiles/me/credentials', {
        current_password: 'BBN2025',
        new_password: NEW_PASSWORD,
        password_confirm: NEW_PASSWORD,
      });
      expect(expectStatus(changed, 200)).toEqual({
        message: 'Kata sandi berhasil diubah',
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: expect.any(Number),
      });
      expect(decodeJwt(changed.body.accessToken)).toMatchObject({ pcr: false, sub: user.id });
      expectProblem(await pending.get('/v1/profiles/me'), 401, '/v1/profiles/me');
      const renewed = new CrmClient(suite.fleet.gatewayUrl, changed.body.accessToken);
      expect((await renewed.get('/v1/vessels')).status).toBe(200);
      expect((await suite.login(user.email, 'BBN2025')).status).toBe(401);
      expect((await loginOverNats(suite, user.email, NEW_PASSWORD)).accessToken).toEqual(expect.any(String));
      const { rows } = await database.query(`SELECT 1 FROM "auth"."audit_events" WHERE "type" = 'password.changed' AND "subject" = $1`, [user.id]);
      expect(rows).toHaveLength(1);
    });
  });

  describe('POST /v1/profiles/me/credentials', () => {
    const path = '/v1/profiles/me/credentials';

    it('requires passwordConfirm to match newPassword', async () => {
      const { client } = await activeUser();
      expectProblem(await client.post(path, { currentPassword: 'BBN2025', newPassword: NEW_PASSWORD, passwordConfirm: `${NEW_PASSWORD}x` }), 400, path, {
        passwordConfirm: 'eqfield',
      });
    });

    it('requires the new password to differ from the current one', async () => {
      const { client } = await activeUser();
      expectProblem(await client.post(path, { currentPassword: 'BBN2025', newPassword: 'BBN2025', passwordConfirm: 'BBN2025' }), 400, path, {
        newPassword: 'nefield',
      });
    });

    it("enforces the realm's password policy", async () => {
      const { client } = await activeUser();
      const body = expectProblem(await client.post(path, { currentPassword: 'BBN2025', newPassword: 'pendek', passwordConfirm: 'pendek' }), 400, path, {
        newPassword: 'password_policy',
      });
      expect(body.errors?.[0]?.message).toContain('minimal 10 karakter');
    });

    it('answers a wrong current password with 400', async () => {
      const { client } = await activeUser();
      expectProblem(await client.post(path, { currentPassword: 'Salah#2025x', newPassword: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD }), 400, path, {
        currentPassword: 'matches',
      });
    });

    it('names every missing field', async () => {
      const { client } = await activeUser();
      expectProblem(await client.post(path, {}), 400, path, { currentPassword: 'required', newPassword: 'required', passwordConfirm: 'required' });
    });
  });

  describe('PUT /v1/profiles/me', () => {
    it('changes the name and phone only, recording before and after', async () => {
      const user = await activeUser();
      const updated = expectStatus(
        await user.client.put<Profile>('/v1/profiles/me', { name: 'Budi Gelo', phone: '6281234567890', email: 'lain@example.com' }),
        200,
      );
      expect([updated.name, updated.phone, updated.email]).toEqual(['Budi Gelo', '6281234567890', user.email]);
      const { rows } = await database.query<{ details: { before: Profile; after: Profile } }>(
        `SELECT "details" FROM "auth"."audit_events" WHERE "type" = 'crm.profile.updated' AND "subject" = $1`,
        [user.id],
      );
      expect(rows.map((row) => [row.details.before.name, row.details.after.name])).toEqual([['Budi Santoso', 'Budi Gelo']]);
    });

    it('requires a name and a phone of digits', async () => {
      const { client } = await activeUser();
      expectProblem(await client.put('/v1/profiles/me', { phone: '08-12' }), 400, '/v1/profiles/me', { name: 'required', phone: 'matches' });
    });
  });

  describe('PUT /api/v1/profiles/me/roles', () => {
    it('makes another held role active for this session: a new token carries it, the old one stops, a refresh keeps it', async () => {
      const user = await activeUser();
      expectStatus(await admin.call('PATCH', `/v1/users/${user.id}/roles`, { roleId: customerReader.id }), 200);
      const session = await loginOverNats(suite, user.email, 'BBN2025');
      const before = new CrmClient(suite.fleet.gatewayUrl, session.accessToken);
      expect(session.user.activeRole).not.toBe(customerReader.name);
      const switched = await before.put<Profile & { accessToken: string; tokenType: string; expiresIn: number }>('/api/v1/profiles/me/roles', {
        roleId: customerReader.id,
      });
      const body = expectStatus(switched, 200);
      expect([body.active_role?.id, body.tokenType, decodeJwt(body.accessToken).role]).toEqual([customerReader.id, 'Bearer', customerReader.name]);
      const after = new CrmClient(suite.fleet.gatewayUrl, body.accessToken);
      expect((await after.get('/v1/customers')).status).toBe(200);
      expectProblem(await after.get('/v1/vessels'), 403, '/v1/vessels');
      expectProblem(await before.get('/v1/customers'), 401, '/v1/customers');
      const refreshed = await suite.anonymous.post('/v1/auth/refresh', { refreshToken: session.refreshToken });
      expect([refreshed.status, (refreshed.body.user as { activeRole: string }).activeRole]).toEqual([200, customerReader.name]);
      const back = await after.put<Profile>('/v1/profiles/me/roles', { role_id: vesselReader.id });
      expect(expectStatus(back, 200).active_role?.id).toBe(vesselReader.id);
    });

    it('refuses a role the user does not hold now', async () => {
      const { client } = await activeUser();
      const path = '/api/v1/profiles/me/roles';
      expectProblem(await client.put(path, { roleId: customerReader.id }), 400, path, { roleId: 'assigned' });
      expectProblem(await client.put(path, {}), 400, path, { roleId: 'required' });
    });
  });

  describe('temporary roles', () => {
    it('stop granting at validUntil without a new login, even with a cached verdict', async () => {
      const user = await activeUser();
      const validUntil = new Date(Date.now() + 8_000);
      const assigned = await admin.call('PATCH', `/v1/users/${user.id}/roles`, { roleId: customerReader.id, validUntil: validUntil.toISOString() });
      expectStatus(assigned, 200);
      const switched = expectStatus(await user.client.put<{ accessToken: string }>('/api/v1/profiles/me/roles', { roleId: customerReader.id }), 200);
      expect(decodeJwt(switched.accessToken).exp).toBeLessThanOrEqual(Math.floor(validUntil.getTime() / 1000));
      const temporary = new CrmClient(suite.fleet.gatewayUrl, switched.accessToken);
      expect((await temporary.get('/v1/customers')).status).toBe(200);
      await sleep(Math.max(0, validUntil.getTime() - 1_500 - Date.now()));
      // Still valid: the gateway may cache this verdict, but never past validUntil.
      expect((await temporary.get('/v1/customers')).status).toBe(200);
      await sleep(Math.max(0, validUntil.getTime() + 300 - Date.now()));
      expectProblem(await temporary.get('/v1/customers'), 403, '/v1/customers');
      const profile = expectStatus(await temporary.get<Profile>('/v1/profiles/me'), 200);
      expect([profile.active_role, profile.assigned_roles.map((role) => role.id)]).toEqual([null, [vesselReader.id]]);
      const refreshed = await suite.anonymous.post<{ accessToken: string; user: { activeRole: string } }>('/v1/auth/refresh', {
        refreshToken: user.session.refreshToken,
      });
      expect([refreshed.status, refreshed.body.user.activeRole]).toEqual([200, vesselReader.name]);
      const renewed = new CrmClient(suite.fleet.gatewayUrl, refreshed.body.accessToken);
      expect((await renewed.get('/v1/vessels')).status).toBe(200);
      expectProblem(await renewed.get('/v1/customers'), 403, '/v1/customers');
    });
  });
});
