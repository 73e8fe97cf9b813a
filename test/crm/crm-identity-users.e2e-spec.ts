import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import type pg from 'pg';
import { CrmClient, type CrmSuite, type ListBody } from './crm-client.js';
import { startIdentitySuite, createPartner, createRole, expectProblem, expectStatus, loginOverNats, unique } from './crm-identity-fixtures.js';

interface UserView {
  id: string;
  name: string;
  email: string;
  phone: string;
  active: boolean;
  group: string;
  partner: { id: string; name: string | null } | null;
  roles: Array<Record<string, unknown>>;
  passwordChangeRequired: boolean;
  createdAt: string;
  updatedAt: string;
}

// spec/crm-batubara-niaga-api.md "Pengguna / Users" over the gateway: one test per business
// rule, each asserting the problem-details body.
describe('crm users', () => {
  let suite: CrmSuite;
  let admin: CrmClient;
  let database: pg.Client;
  let stop: (() => Promise<void>) | undefined;
  let transporter: { id: string; companyName: string };
  let trader: { id: string; companyName: string };
  let transporterRole: { id: string; name: string };
  let transporterExtraRole: { id: string; name: string };
  let traderRole: { id: string; name: string };
  let internalRole: { id: string; name: string };

  beforeAll(async () => {
    ({ suite, database, stop } = await startIdentitySuite());
    admin = suite.admin;
    [transporter, trader] = await Promise.all([createPartner(admin, 'transporter'), createPartner(admin, 'trader')]);
    transporterRole = await createRole(admin, {
      name: 'OPERATOR_KAPAL',
      group: 'transporter',
      formalName: 'Operator Kapal',
      permissions: [{ resource: 'vessel', privileges: { read: true } }],
    });
    transporterExtraRole = await createRole(admin, {
      name: 'PLT_KEPALA',
      group: 'transporter',
      formalName: 'Plt. Kepala',
      permissions: [{ resource: 'vessel', privileges: { update: true } }],
    });
    traderRole = await createRole(admin, { name: 'TRADER_STAFF', group: 'trader', formalName: 'Staf Trader', permissions: [] });
    internalRole = await createRole(admin, {
      name: 'STAF_KEUANGAN',
      group: 'bbn',
      formalName: 'Staf Keuangan',
      permissions: [{ resource: 'customer', privileges: { read: true } }],
    });
  });

  afterAll(async () => {
    await stop?.();
  });

  const transporterUser = (overrides: Record<string, unknown> = {}) => ({
    name: 'Hendro Susilo',
    email: `${unique('hendro')}@example.com`,
    phone: '628123456789',
    group: 'transporter',
    partnerId: transporter.id,
    roleId: transporterRole.id,
    ...overrides,
  });
  const createUser = async (body: Record<string, unknown>) => expectStatus(await admin.post<UserView>('/v1/auth/users', body), 201);

  describe('POST /v1/auth/users', () => {
    it('creates a user with the default password BBN2025, to be changed at the first login', async () => {
      const body = transporterUser();
      const response = await admin.post<UserView>('/v1/auth/users', body);
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^\d+$/),
        name: 'Hendro Susilo',
        email: body.email,
        phone: '628123456789',
        active: true,
        group: 'transporter',
        partner: { id: transporter.id, name: transporter.companyName },
        roles: [
          {
            id: transporterRole.id,
            name: 'OPERATOR_KAPAL',
            formalName: 'Operator Kapal',
            startDate: expect.any(String),
            start_date: expect.any(String),
            validUntil: null,
            temporary: false,
          },
        ],
        passwordChangeRequired: true,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const login = await suite.login(String(body.email), 'BBN2025');
      expect(login.status).toBe(200);
      expect(decodeJwt(String(login.body.accessToken))).toMatchObject({ pcr: true, role: 'OPERATOR_KAPAL' });
    });

    it('accepts the snake_case spellings partner_id and role_id, and group bbn as internal', async () => {
      const transporterSnake = await createUser({
        ...transporterUser(),
        partnerId: undefined,
        roleId: undefined,
        partner_id: transporter.id,
        role_id: Number(transporterRole.id),
      });
      expect(transporterSnake.partner?.id).toBe(transporter.id);
      const internal = await createUser({ name: 'Staf BBN', email: `${unique('staf')}@bbn.co.id`, group: 'bbn', role_id: internalRole.id });
      expect([internal.group, internal.partner, internal.roles.map((role) => role.name)]).toEqual(['internal', null, ['STAF_KEUANGAN']]);
    });

    it('refuses an e-mail already in use, whatever its case, with 409', async () => {
      const first = await createUser(transporterUser());
      const response = await admin.post('/v1/auth/users', transporterUser({ email: first.email.toUpperCase() }));
      expectProblem(response, 409, '/v1/auth/users', { email: 'unique' });
    });

    it('refuses a group outside the enum', async () => {
      expectProblem(await admin.post('/v1/auth/users', transporterUser({ group: 'shipping' })), 400, '/v1/auth/users', { group: 'oneof' });
    });

    it('keeps a partner its users belong to: deleting it is refused with 409, an unused one is deleted', async () => {
      const partner = await createPartner(admin, 'transporter');
      await createUser(transporterUser({ partnerId: partner.id }));
      const refused = expectProblem(await admin.delete(`/v1/partners/${partner.id}`), 409, `/v1/partners/${partner.id}`);
      expect(refused.detail).toBe('Mitra tidak dapat dihapus karena masih digunakan oleh 1 pengguna');
      expect((await admin.get(`/v1/partners/${partner.id}`)).status).toBe(200);
      const unused = await createPartner(admin, 'transporter');
      expect((await admin.delete(`/v1/partners/${unused.id}`)).status).toBe(200);
    });

    it('requires partnerId when the group is not internal', async () => {
      expectProblem(await admin.post('/v1/auth/users', transporterUser({ partnerId: '' })), 400, '/v1/auth/users', { partnerId: 'required_unless' });
    });

    it('requires the partner to exist and to belong to the group (checked against crm-masterdata)', async () => {
      const other = expectProblem(await admin.post('/v1/auth/users', transporterUser({ partnerId: trader.id })), 400, '/v1/auth/users', {
        partnerId: 'partner_group',
      });
      expect(other.errors?.[0]?.value).toBe(trader.id);
      expectProblem(await admin.post('/v1/auth/users', transporterUser({ partnerId: '0b6f2d9e-9a51-4c55-8a3c-1f0d2b7c9e11' })), 400, '/v1/auth/users', {
        partnerId: 'exists',
      });
      expectProblem(
        await admin.post('/v1/auth/users', {
          name: 'Staf',
          email: `${unique('staf')}@bbn.co.id`,
          group: 'internal',
          partnerId: transporter.id,
          roleId: internalRole.id,
        }),
        400,
        '/v1/auth/users',
        { partnerId: 'excluded_if' },
      );
    });

    it('requires a role of the same group', async () => {
      expectProblem(await admin.post('/v1/auth/users', transporterUser({ roleId: traderRole.id })), 400, '/v1/auth/users', { roleId: 'role_group' });
      expectProblem(await admin.post('/v1/auth/users', transporterUser({ roleId: '999999' })), 400, '/v1/auth/users', { roleId: 'exists' });
    });

    it('names every missing field', async () => {
      const body = expectProblem(await admin.post('/v1/auth/users', { phone: 'abc' }), 400, '/v1/auth/users', {
        name: 'required',
        email: 'required',
        group: 'required',
        roleId: 'required',
        phone: 'matches',
      });
      expect(body.detail).toContain('wajib diisi');
    });
  });

  describe('GET /v1/auth/users', () => {
    let tagged: UserView[];
    beforeAll(async () => {
      const tag = unique('Halaman');
      tagged = [];
      for (const name of ['A', 'B', 'C']) tagged.push(await createUser(transporterUser({ name: `${tag} ${name}` })));
    });

    it('pages with exact metadata (page is 0-based) and sorts by a whitelisted field', async () => {
      const tag = tagged[0]?.name.split(' ')[0] as string;
      const first = expectStatus(await admin.get<ListBody<UserView>>(`/v1/auth/users?search=${tag}&limit=2&page=0&sort=name+desc`), 200);
      expect(first.metadata).toEqual({ total_data: 3, total_page: 2, page: 0, limit: 2 });
      expect(first.data.map((user) => user.name)).toEqual([`${tag} C`, `${tag} B`]);
      const second = expectStatus(await admin.get<ListBody<UserView>>(`/v1/auth/users?search=${tag}&size=2&page=1&sort-by=name&sort-direction=DESC`), 200);
      expect(second.metadata).toEqual({ total_data: 3, total_page: 2, page: 1, limit: 2 });
      expect(second.data).toEqual([tagged[0]]);
      const alias = expectStatus(await admin.get<ListBody<UserView>>(`/api/v1/auth/users?search=${tag}&sort=created_at+asc`), 200);
      expect(alias.data.map((user) => user.id)).toEqual(tagged.map((user) => user.id));
    });

    it('filters by group and status', async () => {
      const traders = expectStatus(await admin.get<ListBody<UserView>>('/v1/auth/users?group=trader'), 200);
      expect(traders.data).toEqual([]);
      const internal = expectStatus(await admin.get<ListBody<UserView>>('/v1/auth/users?group=internal&status=true&limit=100'), 200);
      expect(internal.data.map((user) => user.email)).toContain('admin@gerbang.local');
      expect(internal.data.every((user) => user.group === 'internal' && user.active)).toBe(true);
      expectProblem(await admin.get('/v1/auth/users?status=maybe'), 400, '/v1/auth/users', { status: 'boolean' });
      expectProblem(await admin.get('/v1/auth/users?group=shipping'), 400, '/v1/auth/users', { group: 'oneof' });
    });

    it('sorts and pages only as allowed', async () => {
      expectProblem(await admin.get('/v1/auth/users?sort=password_hash+asc'), 400, '/v1/auth/users', { sort: 'oneof' });
      expectProblem(await admin.get('/v1/auth/users?limit=1000&page=-1'), 400, '/v1/auth/users', { limit: 'range', page: 'gte' });
    });

    it('reads one user and answers 404 for an unknown one', async () => {
      expect(expectStatus(await admin.get<UserView>(`/v1/auth/users/${tagged[1]?.id}`), 200)).toEqual(tagged[1]);
      expectProblem(await admin.get('/v1/auth/users/987654'), 404, '/v1/auth/users/987654');
      expectProblem(await admin.get('/v1/auth/users/bukan-id'), 404, '/v1/auth/users/bukan-id');
    });
  });

  describe('PUT /v1/auth/users/:id', () => {
    it('replaces the data and the main role, and records the change with its actor, before and after', async () => {
      const user = await createUser(transporterUser());
      const body = transporterUser({ name: 'Hendro Gelo', email: `${unique('gelo')}@example.com`, phone: '6281234567890', roleId: transporterExtraRole.id });
      const updated = expectStatus(await admin.put<UserView>(`/v1/auth/users/${user.id}`, body), 200);
      expect(updated).toEqual(
        expect.objectContaining({
          id: user.id,
          name: 'Hendro Gelo',
          email: body.email,
          phone: '6281234567890',
          roles: [expect.objectContaining({ id: transporterExtraRole.id })],
        }),
      );
      const { rows } = await database.query<{ actor: string; details: { before: UserView; after: UserView } }>(
        `SELECT "actor", "details" FROM "auth"."audit_events" WHERE "type" = 'crm.user.updated' AND "subject" = $1`,
        [user.id],
      );
      expect(rows).toEqual([
        { actor: expect.stringMatching(/^user:\d+$/), details: { before: expect.objectContaining({ name: 'Hendro Susilo' }), after: updated } },
      ]);
      expect((await suite.login(String(body.email), 'BBN2025')).status).toBe(200);
    });

    it('moves a user to another group, dropping the roles of the old one', async () => {
      const user = await createUser(transporterUser());
      expectStatus(await admin.call('PATCH', `/v1/users/${user.id}/roles`, { name: 'PLT_KEPALA', validUntil: '2099-12-31' }), 200);
      const moved = expectStatus(
        await admin.put<UserView>(
          `/v1/auth/users/${user.id}`,
          transporterUser({ email: user.email, group: 'trader', partnerId: trader.id, roleId: traderRole.id }),
        ),
        200,
      );
      expect([moved.group, moved.partner?.id, moved.roles.map((role) => role.name)]).toEqual(['trader', trader.id, ['TRADER_STAFF']]);
    });

    it('refuses an e-mail of another user with 409 and an unknown user with 404', async () => {
      const [first, second] = [await createUser(transporterUser()), await createUser(transporterUser())];
      expectProblem(await admin.put(`/v1/auth/users/${second.id}`, transporterUser({ email: first.email })), 409, `/v1/auth/users/${second.id}`, {
        email: 'unique',
      });
      expectProblem(await admin.put('/v1/auth/users/987654', transporterUser()), 404, '/v1/auth/users/987654');
    });
  });

  describe('PATCH /v1/users/:id/roles', () => {
    it('assigns an additional temporary role of the group with its dates', async () => {
      const user = await createUser(transporterUser());
      const response = await admin.call<UserView>('PATCH', `/v1/users/${user.id}/roles`, {
        name: 'PLT_KEPALA',
        startDate: '2025-06-18',
        validUntil: '2099-09-17',
      });
      expect(expectStatus(response, 200).roles).toEqual([
        expect.objectContaining({ id: transporterRole.id, temporary: false, validUntil: null }),
        {
          id: transporterExtraRole.id,
          name: 'PLT_KEPALA',
          formalName: 'Plt. Kepala',
          startDate: '2025-06-18',
          start_date: '2025-06-18',
          validUntil: '2099-09-17',
          temporary: true,
        },
      ]);
      const { rows } = await database.query(`SELECT "actor" FROM "auth"."audit_events" WHERE "type" = 'crm.user.role_assigned' AND "subject" = $1`, [user.id]);
      expect(rows).toHaveLength(1);
    });

    it('accepts the role by id and the snake_case dates on the /v1/auth/users spelling', async () => {
      const user = await createUser(transporterUser());
      const response = await admin.call<UserView>('PATCH', `/v1/auth/users/${user.id}/roles`, {
        roleId: transporterExtraRole.id,
        start_date: '2025-01-01T08:00:00+07:00',
      });
      expect(expectStatus(response, 200).roles[1]).toEqual(
        expect.objectContaining({ id: transporterExtraRole.id, startDate: '2025-01-01T01:00:00.000Z', temporary: false }),
      );
    });

    it('refuses a role of another group', async () => {
      const user = await createUser(transporterUser());
      const path = `/v1/users/${user.id}/roles`;
      expectProblem(await admin.call('PATCH', path, { roleId: traderRole.id }), 400, path, { roleId: 'role_group' });
      expectProblem(await admin.call('PATCH', path, { name: 'TRADER_STAFF' }), 400, path, { name: 'exists' });
      expectProblem(await admin.call('PATCH', path, {}), 400, path, { name: 'required_without' });
    });

    it('refuses a validity that ends before it starts, has ended or is not a date', async () => {
      const user = await createUser(transporterUser());
      const path = `/v1/users/${user.id}/roles`;
      expectProblem(await admin.call('PATCH', path, { name: 'PLT_KEPALA', startDate: '2099-06-18', validUntil: '2099-06-01' }), 400, path, {
        validUntil: 'gtfield',
      });
      expectProblem(await admin.call('PATCH', path, { name: 'PLT_KEPALA', startDate: '2020-01-01', validUntil: '2020-06-01' }), 400, path, {
        validUntil: 'gt',
      });
      expectProblem(await admin.call('PATCH', path, { name: 'PLT_KEPALA', startDate: '18-06-2025' }), 400, path, { startDate: 'datetime' });
    });

    it('refuses a role the user already holds in that period with 409', async () => {
      const user = await createUser(transporterUser());
      const path = `/v1/users/${user.id}/roles`;
      expectProblem(await admin.call('PATCH', path, { name: 'OPERATOR_KAPAL' }), 409, path);
      expectStatus(await admin.call('PATCH', path, { name: 'PLT_KEPALA', startDate: '2099-01-01', validUntil: '2099-01-31' }), 200);
      expectProblem(await admin.call('PATCH', path, { name: 'PLT_KEPALA', startDate: '2099-01-15', validUntil: '2099-02-15' }), 409, path);
      expectStatus(await admin.call('PATCH', path, { name: 'PLT_KEPALA', startDate: '2099-02-01', validUntil: '2099-02-15' }), 200);
    });
  });

  describe('POST /v1/users/:id/status', () => {
    it('deactivates a user, ending its sessions and refusing its logins, and activates it again', async () => {
      const user = await createUser(transporterUser());
      const session = await loginOverNats(suite, user.email, 'BBN2025');
      const client = new CrmClient(suite.fleet.gatewayUrl, session.accessToken);
      expect((await client.get('/v1/profiles/me')).status).toBe(200);
      const path = `/v1/users/${user.id}/status`;
      expect(expectStatus(await admin.post<UserView>(path, { active: false }), 200).active).toBe(false);
      expectProblem(await client.get('/v1/profiles/me'), 401, '/v1/profiles/me');
      expectProblem(await suite.login(user.email, 'BBN2025'), 403, '/v1/auth/login');
      expect(expectStatus(await admin.post<UserView>(`/v1/auth/users/${user.id}/status`, { active: true }), 200).active).toBe(true);
      expect((await suite.login(user.email, 'BBN2025')).status).toBe(200);
      const { rows } = await database.query<{ type: string }>(
        `SELECT "type" FROM "auth"."audit_events" WHERE "subject" = $1 AND "type" LIKE 'crm.user.%activated' ORDER BY "id"`,
        [user.id],
      );
      expect(rows.map((row) => row.type)).toEqual(['crm.user.deactivated', 'crm.user.activated']);
    });

    it('requires active to be a boolean', async () => {
      const user = await createUser(transporterUser());
      const path = `/v1/users/${user.id}/status`;
      expectProblem(await admin.post(path, { active: 'ya' }), 400, path, { active: 'boolean' });
      expectProblem(await admin.post(path, {}), 400, path, { active: 'required' });
    });
  });
});
