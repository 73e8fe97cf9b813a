import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RETRIBUSI_SUBJECTS as S } from '@gerbang/contracts';
import { fieldMessages, RetribusiHarness, userPrincipal } from './retribusi-harness.js';

const admin = userPrincipal('admin');
const operator = userPrincipal('operator');
const viewer = userPrincipal('viewer');

describe('retribusi master data over NATS (locations, gates, tariffs, streams, audit logs)', () => {
  let app: RetribusiHarness;

  beforeAll(async () => {
    app = await RetribusiHarness.start();
  });

  afterAll(async () => {
    await app?.stop();
  });

  describe('locations', () => {
    it('creates a location (201) and refuses a duplicate code (409)', async () => {
      const body = { code: 'kerkof_01', name: 'Kerkof 01', type: 'kerkof', is_active: 1 };
      await expect(app.ok(S.locationsCreate, operator, { body })).resolves.toEqual({ status: 201, data: body });
      await expect(app.fails(S.locationsCreate, admin, { body: { ...body, name: 'Again' } })).resolves.toMatchObject({ code: 'conflict' });
      await expect(app.ok(S.locationsCreate, admin, { body: { code: 'kerkof_02', name: 'Kerkof 02', type: 'kerkof' } })).resolves.toEqual({
        status: 201,
        data: { code: 'kerkof_02', name: 'Kerkof 02', type: 'kerkof', is_active: 1 },
      });
    });

    it('refuses an invalid body with one message per field (422)', async () => {
      const error = await app.fails(S.locationsCreate, operator, { body: { code: 'bad code!', type: 5, is_active: 2 } });
      expect(error.code).toBe('validation_failed');
      expect(fieldMessages(error)).toEqual({
        code: expect.stringContaining('letters, digits'),
        name: 'Field is required',
        type: 'Must be a string',
        is_active: 'Must be 1 or 0',
      });
    });

    it('lists with the default page, a location_code filter and a capped limit', async () => {
      await expect(app.ok(S.locationsList, viewer)).resolves.toEqual({
        data: [
          { code: 'kerkof_01', name: 'Kerkof 01', type: 'kerkof', is_active: 1 },
          { code: 'kerkof_02', name: 'Kerkof 02', type: 'kerkof', is_active: 1 },
        ],
        page: { page: 1, limit: 20, total: 2 },
      });
      await expect(app.ok(S.locationsList, viewer, { query: { location_code: 'kerkof_02' } })).resolves.toMatchObject({
        data: [{ code: 'kerkof_02' }],
        page: { total: 1 },
      });
      await expect(app.ok(S.locationsList, viewer, { query: { page: '2', limit: '1' } })).resolves.toMatchObject({
        data: [{ code: 'kerkof_02' }],
        page: { page: 2, limit: 1, total: 2 },
      });
      await expect(app.ok(S.locationsList, viewer, { query: { limit: '1000' } })).resolves.toMatchObject({ page: { limit: 100 } });
      expect(fieldMessages(await app.fails(S.locationsList, viewer, { query: { page: '0' } }))).toEqual({ page: 'Must be a positive integer' });
    });

    it('answers a detail, 404 for an unknown code and 422 for an invalid one', async () => {
      await expect(app.ok(S.locationsGet, viewer, { params: { code: 'kerkof_01' } })).resolves.toEqual({
        data: { code: 'kerkof_01', name: 'Kerkof 01', type: 'kerkof', is_active: 1 },
      });
      await expect(app.fails(S.locationsGet, viewer, { params: { code: 'nowhere' } })).resolves.toMatchObject({
        code: 'not_found',
        message: 'Location not found',
      });
      const invalid = await app.fails(S.locationsGet, viewer, { params: { code: 'bad code' } });
      expect(invalid.code).toBe('validation_failed');
      expect(fieldMessages(invalid)).toEqual({ code: 'Invalid code' });
    });

    it('updates name, type and is_active but never the code', async () => {
      await expect(
        app.ok(S.locationsUpdate, operator, { params: { code: 'kerkof_02' }, body: { name: 'Kerkof 02 Updated', type: 'kerkof', is_active: 1 } }),
      ).resolves.toEqual({ data: { code: 'kerkof_02', name: 'Kerkof 02 Updated', type: 'kerkof', is_active: 1 } });
      const renamed = await app.fails(S.locationsUpdate, operator, { params: { code: 'kerkof_02' }, body: { code: 'kerkof_99', name: 'X' } });
      expect(fieldMessages(renamed)).toEqual({ code: 'Code cannot be changed' });
      await expect(app.fails(S.locationsUpdate, operator, { params: { code: 'nowhere' }, body: { name: 'X' } })).resolves.toMatchObject({ code: 'not_found' });
      await expect(app.fails(S.locationsUpdate, operator, { params: { code: 'kerkof_02' }, body: { name: '   ' } })).resolves.toMatchObject({
        code: 'validation_failed',
      });
    });

    it('enforces roles: viewers read, operators write, only admins delete', async () => {
      await expect(app.fails(S.locationsCreate, viewer, { body: { code: 'x1', name: 'X', type: 'x' } })).resolves.toMatchObject({ code: 'forbidden' });
      await expect(app.fails(S.locationsDelete, operator, { params: { code: 'kerkof_02' } })).resolves.toMatchObject({ code: 'forbidden' });
      await expect(app.fails(S.locationsList, null)).resolves.toMatchObject({ code: 'unauthenticated' });
    });

    it('soft-deletes (is_active = 0) and answers 404 for an unknown code', async () => {
      await expect(app.ok(S.locationsDelete, admin, { params: { code: 'kerkof_02' } })).resolves.toEqual({ data: { deleted: true } });
      await expect(app.ok(S.locationsGet, viewer, { params: { code: 'kerkof_02' } })).resolves.toMatchObject({ data: { is_active: 0 } });
      // Deleting again answers the same and changes nothing, so no second audit row.
      await expect(app.ok(S.locationsDelete, admin, { params: { code: 'kerkof_02' } })).resolves.toEqual({ data: { deleted: true } });
      await expect(app.ok(S.auditLogsList, viewer, { query: { entity: 'locations', action: 'delete' } })).resolves.toMatchObject({ page: { total: 1 } });
      await expect(app.fails(S.locationsDelete, admin, { params: { code: 'nowhere' } })).resolves.toMatchObject({ code: 'not_found' });
    });
  });

  describe('gates and streams', () => {
    const gate01 = {
      location_code: 'kerkof_01',
      gate_code: 'gate01',
      name: 'Gate 01',
      direction: 'in',
      camera: 'https://example.com/stream.m3u8',
      is_active: 1,
    };

    it('creates gates with each camera form the document allows', async () => {
      await expect(app.ok(S.gatesCreate, operator, { body: gate01 })).resolves.toEqual({ status: 201, data: gate01 });
      const rtsp = {
        location_code: 'kerkof_01',
        gate_code: 'gate02',
        name: 'Gate 02',
        direction: 'out',
        camera: 'rtsp://192.168.1.100:554/stream1',
        is_active: 1,
      };
      await expect(app.ok(S.gatesCreate, operator, { body: rtsp })).resolves.toEqual({ status: 201, data: rtsp });
      await expect(
        app.ok(S.gatesCreate, operator, { body: { location_code: 'kerkof_01', gate_code: 'gate03', name: 'Gate 03', direction: 'in', camera: 'camera_001' } }),
      ).resolves.toMatchObject({
        data: { camera: 'camera_001', is_active: 1 },
      });
      await expect(
        // A form's empty camera field means "no camera", as null or leaving it out does.
        app.ok(S.gatesCreate, operator, { body: { location_code: 'kerkof_01', gate_code: 'gate04', name: 'Gate 04', direction: 'in', camera: '' } }),
      ).resolves.toMatchObject({
        data: { camera: null },
      });
    });

    it('refuses an invalid camera or direction (422), an unknown location (404) and a duplicate (409)', async () => {
      const invalid = await app.fails(S.gatesCreate, operator, {
        body: { location_code: 'kerkof_01', gate_code: 'gate09', name: 'G', direction: 'sideways', camera: 'ftp://cam/1' },
      });
      expect(fieldMessages(invalid)).toEqual({
        direction: 'Must be one of: in, out',
        camera: 'Must be an HLS/HTTP(S) URL, an RTSP URL or a camera id such as camera_001',
      });
      await expect(app.fails(S.gatesCreate, operator, { body: { ...gate01, location_code: 'nowhere' } })).resolves.toMatchObject({
        code: 'not_found',
        message: 'Location not found',
      });
      await expect(app.fails(S.gatesCreate, operator, { body: gate01 })).resolves.toMatchObject({ code: 'conflict' });
    });

    it('lists gates by location, and streams as the same list', async () => {
      const gates = await app.ok<Array<{ gate_code: string }>>(S.gatesList, viewer, { query: { location_code: 'kerkof_01' } });
      expect(gates.data?.map((gate) => gate.gate_code)).toEqual(['gate01', 'gate02', 'gate03', 'gate04']);
      expect(gates.page).toEqual({ page: 1, limit: 20, total: 4 });
      expect(gates.data?.[0]).toEqual(gate01);
      await expect(app.ok(S.gatesList, viewer, { query: { location_code: 'kerkof_02' } })).resolves.toMatchObject({ data: [], page: { total: 0 } });
      await expect(app.ok(S.streamsList, viewer, { query: { location_code: 'kerkof_01', limit: '2' } })).resolves.toEqual({
        data: [gate01, expect.objectContaining({ gate_code: 'gate02', name: 'Gate 02', direction: 'out', is_active: 1 })],
        page: { page: 1, limit: 2, total: 4 },
      });
    });

    it('answers a detail, 404 and 422 for invalid codes in the path', async () => {
      await expect(app.ok(S.gatesGet, viewer, { params: { location_code: 'kerkof_01', gate_code: 'gate01' } })).resolves.toEqual({ data: gate01 });
      await expect(app.fails(S.gatesGet, viewer, { params: { location_code: 'kerkof_01', gate_code: 'gate77' } })).resolves.toMatchObject({
        code: 'not_found',
        message: 'Gate not found',
      });
      expect(fieldMessages(await app.fails(S.gatesGet, viewer, { params: { location_code: 'kerkof_01', gate_code: 'gate 01' } }))).toEqual({
        gate_code: 'Invalid gate code',
      });
      expect(fieldMessages(await app.fails(S.gatesGet, viewer, { params: { location_code: '%%', gate_code: 'gate01' } }))).toEqual({
        location_code: 'Invalid location code',
      });
    });

    it('updates a gate (camera to an HTTP HLS URL, or cleared) but never its codes', async () => {
      const params = { location_code: 'kerkof_01', gate_code: 'gate02' };
      await expect(
        app.ok(S.gatesUpdate, operator, {
          params,
          body: { name: 'Gate 02 Updated', direction: 'out', camera: 'http://192.168.1.100:8080/hls/stream.m3u8', is_active: 1 },
        }),
      ).resolves.toEqual({
        data: { ...params, name: 'Gate 02 Updated', direction: 'out', camera: 'http://192.168.1.100:8080/hls/stream.m3u8', is_active: 1 },
      });
      await expect(
        app.ok(S.gatesUpdate, operator, { params: { location_code: 'kerkof_01', gate_code: 'gate03' }, body: { camera: null } }),
      ).resolves.toMatchObject({
        data: { camera: null, name: 'Gate 03' },
      });
      expect(fieldMessages(await app.fails(S.gatesUpdate, operator, { params, body: { gate_code: 'gate99', name: 'X' } }))).toEqual({
        gate_code: 'Gate code cannot be changed',
      });
      await expect(app.fails(S.gatesUpdate, operator, { params: { ...params, gate_code: 'nope' }, body: { name: 'X' } })).resolves.toMatchObject({
        code: 'not_found',
      });
    });

    it('soft-deletes a gate (admin only)', async () => {
      const params = { location_code: 'kerkof_01', gate_code: 'gate04' };
      await expect(app.fails(S.gatesDelete, operator, { params })).resolves.toMatchObject({ code: 'forbidden' });
      await expect(app.ok(S.gatesDelete, admin, { params })).resolves.toEqual({ data: { deleted: true } });
      await expect(app.ok(S.gatesGet, viewer, { params })).resolves.toMatchObject({ data: { is_active: 0 } });
      await expect(app.ok(S.gatesDelete, admin, { params })).resolves.toEqual({ data: { deleted: true } });
      await expect(app.ok(S.auditLogsList, viewer, { query: { entity: 'gates', action: 'delete' } })).resolves.toMatchObject({ page: { total: 1 } });
      await expect(app.fails(S.gatesDelete, admin, { params: { ...params, gate_code: 'nope' } })).resolves.toMatchObject({ code: 'not_found' });
    });
  });

  describe('tariffs', () => {
    const motor = { location_code: 'kerkof_01', gate_code: 'gate01', category: 'motor', price: 5000 };

    it('creates tariffs (201), refusing duplicates (409), unknown gates (404) and invalid input (422)', async () => {
      await expect(app.ok(S.tariffsCreate, operator, { body: motor })).resolves.toEqual({ status: 201, data: motor });
      await expect(app.ok(S.tariffsCreate, operator, { body: { ...motor, category: 'car', price: 10000 } })).resolves.toMatchObject({ status: 201 });
      await expect(app.ok(S.tariffsCreate, operator, { body: { ...motor, gate_code: 'gate02', price: 4000 } })).resolves.toMatchObject({ status: 201 });
      await expect(app.fails(S.tariffsCreate, operator, { body: motor })).resolves.toMatchObject({ code: 'conflict' });
      await expect(app.fails(S.tariffsCreate, operator, { body: { ...motor, gate_code: 'gate77' } })).resolves.toMatchObject({
        code: 'not_found',
        message: 'Gate not found',
      });
      const invalid = await app.fails(S.tariffsCreate, operator, { body: { location_code: 'kerkof_01', category: 'truck', price: -1 } });
      expect(fieldMessages(invalid)).toEqual({ gate_code: 'Field is required', category: 'Must be one of: person_walk, motor, car', price: 'Must be >= 0' });
      expect(fieldMessages(await app.fails(S.tariffsCreate, operator, { body: { ...motor, price: 12.5 } }))).toEqual({ price: 'Must be an integer' });
    });

    it('lists tariffs with location and gate names, filtered by location_code and gate_code', async () => {
      const all = await app.ok(S.tariffsList, viewer);
      expect(all.page).toEqual({ page: 1, limit: 20, total: 3 });
      expect(all.data).toEqual([
        { location_code: 'kerkof_01', gate_code: 'gate01', category: 'motor', price: 5000, location_name: 'Kerkof 01', gate_name: 'Gate 01' },
        { location_code: 'kerkof_01', gate_code: 'gate01', category: 'car', price: 10000, location_name: 'Kerkof 01', gate_name: 'Gate 01' },
        { location_code: 'kerkof_01', gate_code: 'gate02', category: 'motor', price: 4000, location_name: 'Kerkof 01', gate_name: 'Gate 02 Updated' },
      ]);
      await expect(app.ok(S.tariffsList, viewer, { query: { location_code: 'kerkof_01', gate_code: 'gate02' } })).resolves.toMatchObject({
        page: { total: 1 },
      });
      await expect(app.ok(S.tariffsList, viewer, { query: { location_code: 'kerkof_02' } })).resolves.toMatchObject({ data: [], page: { total: 0 } });
    });

    it('answers a detail with the document fields, 404, and 422 for an invalid category in the path', async () => {
      const params = { location_code: 'kerkof_01', gate_code: 'gate01', category: 'motor' };
      await expect(app.ok(S.tariffsGet, viewer, { params })).resolves.toEqual({ data: motor });
      await expect(app.fails(S.tariffsGet, viewer, { params: { ...params, category: 'person_walk' } })).resolves.toMatchObject({
        code: 'not_found',
        message: 'Tariff not found',
      });
      expect(fieldMessages(await app.fails(S.tariffsGet, viewer, { params: { ...params, category: 'truck' } }))).toEqual({ category: 'Invalid category' });
    });

    it('updates the price only and hard-deletes (admin)', async () => {
      const params = { location_code: 'kerkof_01', gate_code: 'gate01', category: 'motor' };
      await expect(app.ok(S.tariffsUpdate, operator, { params, body: { price: 6000 } })).resolves.toEqual({ data: { ...motor, price: 6000 } });
      expect(fieldMessages(await app.fails(S.tariffsUpdate, operator, { params, body: { category: 'car', price: 1 } }))).toEqual({
        category: 'Category cannot be changed',
      });
      expect(fieldMessages(await app.fails(S.tariffsUpdate, operator, { params, body: {} }))).toEqual({ price: 'Field is required' });
      const car = { ...params, category: 'car' };
      await expect(app.fails(S.tariffsDelete, operator, { params: car })).resolves.toMatchObject({ code: 'forbidden' });
      await expect(app.ok(S.tariffsDelete, admin, { params: car })).resolves.toEqual({ data: { deleted: true } });
      await expect(app.fails(S.tariffsGet, viewer, { params: car })).resolves.toMatchObject({ code: 'not_found' });
      await expect(app.fails(S.tariffsDelete, admin, { params: car })).resolves.toMatchObject({ code: 'not_found' });
    });
  });

  describe('audit logs', () => {
    it('recorded every create, update and delete with actor, before/after, IP, user agent and a local timestamp', async () => {
      const page = await app.ok<Array<Record<string, unknown>>>(S.auditLogsList, viewer, { query: { entity: 'locations', entity_key: 'kerkof_02' } });
      expect(page.data?.map((log) => log.action)).toEqual(['delete', 'update', 'create']);
      expect(page.data?.[1]).toEqual({
        id: expect.any(Number),
        actor_user_id: 2,
        actor_username: 'operator-user',
        actor_role: 'operator',
        action: 'update',
        entity: 'locations',
        entity_key: 'kerkof_02',
        before_json: { code: 'kerkof_02', name: 'Kerkof 02', type: 'kerkof', is_active: 1 },
        after_json: { code: 'kerkof_02', name: 'Kerkof 02 Updated', type: 'kerkof', is_active: 1 },
        ip_address: '192.168.1.100',
        user_agent: 'Mozilla/5.0 (e2e)',
        created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      });
      expect(page.data?.[0]).toMatchObject({ actor_user_id: 1, actor_role: 'admin', after_json: { is_active: 0 } });
      expect(page.data?.[2]).toMatchObject({ before_json: null, after_json: { code: 'kerkof_02' } });

      // created_at is the business zone's wall clock (Asia/Jakarta, UTC+7).
      const [stored] = await app.sql<{ jakarta: string }>(
        `SELECT to_char(created_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD HH24:MI:SS') AS jakarta FROM retribusi.audit_logs WHERE id = $1`,
        [page.data?.[1]?.id],
      );
      expect(page.data?.[1]?.created_at).toBe(stored?.jakarta);
    });

    it('filters by entity, action, entity key and dates', async () => {
      const tariffDeletes = await app.ok<Array<Record<string, unknown>>>(S.auditLogsList, viewer, { query: { entity: 'tariffs', action: 'delete' } });
      expect(tariffDeletes.data).toEqual([
        expect.objectContaining({
          entity_key: 'kerkof_01/gate01/car',
          before_json: { location_code: 'kerkof_01', gate_code: 'gate01', category: 'car', price: 10000 },
          after_json: null,
        }),
      ]);
      const gateUpdates = await app.ok<unknown[]>(S.auditLogsList, viewer, { query: { entity: 'gates', action: 'update' } });
      expect(gateUpdates.page?.total).toBe(2);
      const [{ today }] = await app.sql<{ today: string }>(`SELECT (now() AT TIME ZONE 'Asia/Jakarta')::date::text AS today`);
      const all = await app.ok<unknown[]>(S.auditLogsList, viewer, { query: { start_date: today as string, end_date: today as string, limit: '100' } });
      // 2 location creates + update + delete, 4 gate creates + 2 updates + delete, 3 tariff creates + update + delete.
      expect(all.page?.total).toBe(16);
      await expect(app.ok(S.auditLogsList, viewer, { query: { end_date: '2020-01-01' } })).resolves.toMatchObject({ data: [], page: { total: 0 } });
      expect(fieldMessages(await app.fails(S.auditLogsList, viewer, { query: { entity: 'users' } }))).toEqual({
        entity: 'Must be one of: locations, gates, tariffs',
      });
      expect(fieldMessages(await app.fails(S.auditLogsList, viewer, { query: { start_date: '2025-13-01' } }))).toEqual({
        start_date: 'Must be a date in format YYYY-MM-DD',
      });
      expect(fieldMessages(await app.fails(S.auditLogsList, viewer, { query: { start_date: '2025-02-02', end_date: '2025-02-01' } }))).toEqual({
        end_date: 'Must not be before start_date',
      });
    });

    it('writes no audit row for a refused change', async () => {
      const before = await app.sql<{ count: number }>('SELECT count(*)::int AS count FROM retribusi.audit_logs');
      await app.fails(S.gatesCreate, operator, { body: { location_code: 'kerkof_01', gate_code: 'gate01', name: 'Dup', direction: 'in' } });
      await expect(app.sql('SELECT count(*)::int AS count FROM retribusi.audit_logs')).resolves.toEqual(before);
    });
  });
});
