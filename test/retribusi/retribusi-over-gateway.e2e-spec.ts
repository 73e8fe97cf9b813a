import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { AUTH_SUBJECTS, RETRIBUSI_INGEST_ROUTES, RETRIBUSI_REALTIME_ROUTES, RETRIBUSI_STREAM_ROUTE, type RouteDefinition } from '@gerbang/contracts';
import { NatsRequester } from '@gerbang/runtime';
import { pipelinedRequests, startFleet, type TestFleet } from '@gerbang/testing';

// spec/retribusi-api.md as a client sees it: HTTP to the gateway, the document's envelopes,
// the role rules (viewer reads, operator also writes, admin also deletes) and every error
// status the document lists. Service-level detail lives in apps/retribusi-ingest/test.
const ADMIN_PASSWORD = 'Admin#12345';
const INGEST_KEY = 'retribusi-gate-key-over-gateway-0123456789';
const PASSWORD = 'Secret#2025x';
type Role = 'viewer' | 'operator' | 'admin';
const ROLES: Role[] = ['viewer', 'operator', 'admin'];

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

describe('retribusi over the gateway', () => {
  let fleet: TestFleet;
  let nats: NatsConnection;
  const tokens = {} as Record<Role, string>;

  const call = async (
    method: string,
    path: string,
    options: { role?: Role; token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer> => {
    const token = options.token ?? (options.role ? tokens[options.role] : undefined);
    const response = await fetch(`${fleet.gatewayUrl}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const ingest = (body: unknown, key = INGEST_KEY) => call('POST', '/retribusi/v1/ingest', { body, headers: { 'x-api-key': key } });

  beforeAll(async () => {
    fleet = await startFleet({
      apps: ['auth-rbac', 'retribusi-ingest', 'realtime', 'gateway'],
      env: { RETRIBUSI_API_KEY: INGEST_KEY, BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD },
    });
    nats = await connect({ servers: fleet.natsUrl });
    const management = new NatsRequester(nats, 10_000);
    for (const role of ['viewer', 'operator'] as const) {
      await management.call(AUTH_SUBJECTS.adminCreateUser, { realm: 'retribusi', username: `${role}1`, role, password: PASSWORD, actor: 'e2e' });
    }
    for (const [role, username, password] of [
      ['viewer', 'viewer1', PASSWORD],
      ['operator', 'operator1', PASSWORD],
      ['admin', 'admin', ADMIN_PASSWORD],
    ] as const) {
      const login = await call('POST', '/auth/v1/login', { body: { username, password } });
      expect(login.status).toBe(200);
      tokens[role] = (login.body.data as { token: string }).token;
    }
    // One site every test can read.
    expect(
      (await call('POST', '/retribusi/v1/frontend/locations', { role: 'operator', body: { code: 'kerkof_01', name: 'Kerkof 01', type: 'kerkof' } })).status,
    ).toBe(201);
    expect(
      (
        await call('POST', '/retribusi/v1/frontend/gates', {
          role: 'operator',
          body: { location_code: 'kerkof_01', gate_code: 'gate01', name: 'Gate 01', direction: 'in' },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call('POST', '/retribusi/v1/frontend/tariffs', {
          role: 'operator',
          body: { location_code: 'kerkof_01', gate_code: 'gate01', category: 'motor', price: 5000 },
        })
      ).status,
    ).toBe(201);
  });

  afterAll(async () => {
    await nats?.close();
    await fleet?.stop();
  });

  describe('access rules of every route in the table', () => {
    const userRoutes = [...RETRIBUSI_INGEST_ROUTES, ...RETRIBUSI_REALTIME_ROUTES].filter(
      (route): route is RouteDefinition & { access: { kind: 'user'; roles: string[] } } => route.access.kind === 'user',
    );
    const today = new Date().toISOString().slice(0, 10);
    // The document's required query parameters of the summary and dashboard reads.
    const requiredQuery: Record<string, string> = {
      '/retribusi/v1/summary/daily': `?date=${today}`,
      '/retribusi/v1/summary/hourly': `?date=${today}`,
      '/retribusi/v1/dashboard/daily': `?start_date=${today}&end_date=${today}`,
      '/retribusi/v1/dashboard/by-category': `?date=${today}`,
      '/retribusi/v1/dashboard/summary': `?date=${today}`,
    };
    const concretePath = (route: RouteDefinition) =>
      route.path.replace(':code', 'kerkof_01').replace(':location_code', 'kerkof_01').replace(':gate_code', 'gate01').replace(':category', 'motor') +
      (route.method === 'GET' ? (requiredQuery[route.path] ?? '') : '');

    it('covers every frontend, summary and dashboard endpoint of the document', () => {
      expect(userRoutes.map((route) => `${route.method} ${route.path}`)).toEqual(
        expect.arrayContaining([
          'GET /retribusi/v1/frontend/locations',
          'DELETE /retribusi/v1/frontend/locations/:code',
          'PUT /retribusi/v1/frontend/gates/:location_code/:gate_code',
          'DELETE /retribusi/v1/frontend/tariffs/:location_code/:gate_code/:category',
          'GET /retribusi/v1/frontend/audit-logs',
          'POST /retribusi/v1/admin/summary/daily',
          'GET /retribusi/v1/dashboard/summary',
          'GET /retribusi/v1/realtime/events',
          'GET /retribusi/v1/realtime/snapshot',
          'GET /retribusi/v1/realtime/stream',
        ]),
      );
      expect(userRoutes.length).toBeGreaterThanOrEqual(25);
    });

    it('answers 401 in the retribusi format without a token or with a tampered one, on every route', async () => {
      const [header, payload] = tokens.admin.split('.');
      const tampered = `${header}.${payload}.${'A'.repeat(86)}`;
      for (const route of userRoutes) {
        for (const token of [undefined, tampered]) {
          const answer = await call(route.method, concretePath(route), { token, body: route.method === 'GET' || route.method === 'DELETE' ? undefined : {} });
          expect({ route: route.path, status: answer.status, body: answer.body }).toEqual({
            route: route.path,
            status: 401,
            body: { error: 'unauthorized', message: expect.any(String) },
          });
        }
      }
    });

    it('answers 403 "forbidden" to every role the route does not allow, before the service sees it', async () => {
      let refusals = 0;
      for (const route of userRoutes) {
        for (const role of ROLES.filter((candidate) => !route.access.roles.includes(candidate))) {
          const answer = await call(route.method, concretePath(route), { role, body: route.method === 'GET' || route.method === 'DELETE' ? undefined : {} });
          expect({ route: `${route.method} ${route.path}`, role, status: answer.status, body: answer.body }).toEqual({
            route: `${route.method} ${route.path}`,
            role,
            status: 403,
            body: { error: 'forbidden', message: expect.any(String) },
          });
          refusals += 1;
        }
      }
      // Viewers are refused every write and delete, operators every delete and the admin recompute.
      expect(refusals).toBeGreaterThanOrEqual(12);
    });

    it('lets every role read every list, detail, summary and dashboard endpoint', async () => {
      // The stream never ends; its roles are covered in apps/gateway/test/realtime-stream.e2e-spec.ts.
      const reads = userRoutes.filter((route) => route.method === 'GET' && route !== RETRIBUSI_STREAM_ROUTE);
      for (const route of reads) {
        for (const role of ROLES) {
          const answer = await call('GET', concretePath(route), { role });
          expect({ route: route.path, role, status: answer.status }).toEqual({ route: route.path, role, status: 200 });
          expect(answer.body).toEqual(expect.objectContaining({ success: true, timestamp: expect.any(Number) }));
        }
      }
    });
  });

  describe('a user with a generated password', () => {
    it('may only change it (403 "Password change required" elsewhere), and works with the new one after logging in again', async () => {
      const management = new NatsRequester(nats, 10_000);
      const created = await management.call<{ generatedPassword?: string }>(AUTH_SUBJECTS.adminCreateUser, {
        realm: 'retribusi',
        username: 'generated1',
        role: 'viewer',
        actor: 'e2e',
      });
      const generated = created.generatedPassword;
      expect(generated).toEqual(expect.any(String));
      const first = await call('POST', '/auth/v1/login', { body: { username: 'generated1', password: generated } });
      expect(first.status).toBe(200);
      const pending = (first.body.data as { token: string }).token;
      await expect(call('GET', '/retribusi/v1/frontend/locations', { token: pending })).resolves.toEqual({
        status: 403,
        body: { error: 'forbidden', message: 'Password change required' },
      });

      const wrong = await call('POST', '/auth/v1/change-password', { token: pending, body: { current_password: 'not-it', new_password: 'Fresh#Pass2026' } });
      expect(wrong).toMatchObject({ status: 422, body: { error: 'validation_error', fields: { current_password: 'Current password is incorrect' } } });
      const weak = await call('POST', '/auth/v1/change-password', { token: pending, body: { current_password: generated, new_password: 'short' } });
      expect(weak).toMatchObject({ status: 422, body: { error: 'validation_error', fields: { new_password: expect.any(String) } } });
      const changed = await call('POST', '/auth/v1/change-password', { token: pending, body: { current_password: generated, new_password: 'Fresh#Pass2026' } });
      expect(changed).toEqual({ status: 200, body: { success: true, data: { password_changed: true }, timestamp: expect.any(Number) } });

      expect((await call('POST', '/auth/v1/login', { body: { username: 'generated1', password: generated } })).status).toBe(401);
      const again = await call('POST', '/auth/v1/login', { body: { username: 'generated1', password: 'Fresh#Pass2026' } });
      expect(again.status).toBe(200);
      const list = await call('GET', '/retribusi/v1/frontend/locations', { token: (again.body.data as { token: string }).token });
      expect(list.status).toBe(200);
    });

    it('answers 401 without a token', async () => {
      await expect(call('POST', '/auth/v1/change-password', { body: { current_password: 'a', new_password: 'b' } })).resolves.toMatchObject({
        status: 401,
        body: { error: 'unauthorized' },
      });
    });
  });

  describe('master data as the document shows it', () => {
    it('creates (201), refuses a duplicate (409), validates (422) and finds nothing (404)', async () => {
      const created = await call('POST', '/retribusi/v1/frontend/locations', {
        role: 'operator',
        body: { code: 'pasar_01', name: 'Pasar 01', type: 'pasar', is_active: 1 },
      });
      expect(created).toEqual({
        status: 201,
        body: { success: true, data: { code: 'pasar_01', name: 'Pasar 01', type: 'pasar', is_active: 1 }, timestamp: expect.any(Number) },
      });
      const duplicate = await call('POST', '/retribusi/v1/frontend/locations', { role: 'admin', body: { code: 'pasar_01', name: 'Again', type: 'pasar' } });
      expect(duplicate).toEqual({ status: 409, body: { error: 'conflict', message: expect.any(String) } });
      const invalid = await call('POST', '/retribusi/v1/frontend/tariffs', {
        role: 'operator',
        body: { location_code: 'kerkof_01', gate_code: 'gate01', category: 'bus', price: -1 },
      });
      expect(invalid.status).toBe(422);
      expect(invalid.body).toEqual({ error: 'validation_error', fields: { category: expect.any(String), price: 'Must be >= 0' } });
      const missing = await call('GET', '/retribusi/v1/frontend/locations/nowhere_99', { role: 'viewer' });
      expect(missing).toEqual({ status: 404, body: { error: 'not_found', message: expect.any(String) } });
    });

    it('paginates every list with meta {page, limit, total, pages}', async () => {
      for (let index = 2; index <= 4; index += 1) {
        await call('POST', '/retribusi/v1/frontend/gates', {
          role: 'operator',
          body: { location_code: 'kerkof_01', gate_code: `gate0${index}`, name: `Gate 0${index}`, direction: 'out' },
        });
      }
      const page = await call('GET', '/retribusi/v1/frontend/gates?location_code=kerkof_01&page=2&limit=3', { role: 'viewer' });
      expect(page.status).toBe(200);
      expect(page.body.meta).toEqual({ page: 2, limit: 3, total: 4, pages: 2 });
      expect(page.body.data).toEqual([expect.objectContaining({ location_code: 'kerkof_01', gate_code: 'gate04' })]);
      const streams = await call('GET', '/retribusi/v1/frontend/streams?location_code=kerkof_01', { role: 'viewer' });
      expect(streams.body.meta).toEqual({ page: 1, limit: 20, total: 4, pages: 1 });
      const badPage = await call('GET', '/retribusi/v1/frontend/gates?page=0', { role: 'viewer' });
      expect(badPage).toEqual({ status: 422, body: { error: 'validation_error', fields: { page: 'Must be a positive integer' } } });
    });

    it('lets operators update, admins soft-delete a location (is_active = 0), and audits both with the actor', async () => {
      const updated = await call('PUT', '/retribusi/v1/frontend/locations/pasar_01', { role: 'operator', body: { name: 'Pasar Baru' } });
      expect(updated.status).toBe(200);
      expect(updated.body.data).toEqual(expect.objectContaining({ code: 'pasar_01', name: 'Pasar Baru' }));
      const deleted = await call('DELETE', '/retribusi/v1/frontend/locations/pasar_01', { role: 'admin' });
      expect(deleted.status).toBe(200);
      const detail = await call('GET', '/retribusi/v1/frontend/locations/pasar_01', { role: 'viewer' });
      expect(detail.body.data).toEqual(expect.objectContaining({ code: 'pasar_01', is_active: 0 }));
      const audit = await call('GET', '/retribusi/v1/frontend/audit-logs?entity_key=pasar_01', { role: 'viewer' });
      const rows = audit.body.data as Array<Record<string, unknown>>;
      expect(rows.map((row) => [row.action, row.actor_username])).toEqual(
        expect.arrayContaining([
          ['create', 'operator1'],
          ['update', 'operator1'],
          ['delete', 'admin'],
        ]),
      );
    });
  });

  describe('ingest with X-API-KEY', () => {
    it('stores an event (200 {stored: true}) that raw events and summaries then show', async () => {
      const answer = await ingest({ timestamp: Math.floor(Date.now() / 1000), location_code: 'kerkof_01', gate_code: 'gate01', category: 'motor' });
      expect(answer).toEqual({ status: 200, body: { success: true, data: { stored: true }, timestamp: expect.any(Number) } });
      const events = await call('GET', '/retribusi/v1/frontend/entry-events?location_code=kerkof_01', { role: 'viewer' });
      expect(events.body.data).toEqual([expect.objectContaining({ location_code: 'kerkof_01', gate_code: 'gate01', category: 'motor' })]);
    });

    it('answers 401 for a wrong or missing key, 422 per field and 404 for an unknown gate', async () => {
      const event = { timestamp: Math.floor(Date.now() / 1000), location_code: 'kerkof_01', gate_code: 'gate01', category: 'motor' };
      expect(await ingest(event, 'not-the-key-0123456789')).toEqual({ status: 401, body: { error: 'unauthorized', message: expect.any(String) } });
      expect(await call('POST', '/retribusi/v1/ingest', { body: event })).toEqual({
        status: 401,
        body: { error: 'unauthorized', message: expect.any(String) },
      });
      const invalid = await ingest({ location_code: 'kerkof_01', gate_code: 'gate01', category: 'plane' });
      expect(invalid.status).toBe(422);
      expect(invalid.body).toEqual({ error: 'validation_error', fields: expect.objectContaining({ category: expect.any(String) }) });
      expect(await ingest({ ...event, gate_code: 'gate99' })).toEqual({ status: 404, body: { error: 'not_found', message: expect.any(String) } });
    });

    it('counts a retried event with the same Idempotency-Key once, and answers 409 when the key names another event', async () => {
      const event = { timestamp: Math.floor(Date.now() / 1000), location_code: 'kerkof_01', gate_code: 'gate01', category: 'motor' };
      const before = await call('GET', '/retribusi/v1/frontend/entry-events?location_code=kerkof_01', { role: 'viewer' });
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const answer = await call('POST', '/retribusi/v1/ingest', { body: event, headers: { 'x-api-key': INGEST_KEY, 'idempotency-key': 'gate01-retry-1' } });
        expect(answer.status).toBe(200);
      }
      const reused = await call('POST', '/retribusi/v1/ingest', {
        body: { ...event, timestamp: event.timestamp - 60 },
        headers: { 'x-api-key': INGEST_KEY, 'idempotency-key': 'gate01-retry-1' },
      });
      expect(reused).toEqual({ status: 409, body: { error: 'conflict', message: 'Event id already used for a different event' } });
      const after = await call('GET', '/retribusi/v1/frontend/entry-events?location_code=kerkof_01', { role: 'viewer' });
      expect((after.body.meta as { total: number }).total).toBe((before.body.meta as { total: number }).total + 1);
    });

    it('answers concurrent single-event ingests each as if it came alone, while they travel together, beside a body nested too deeply', async () => {
      const coalesced = async () => {
        const text = await (await fetch(`${fleet.gatewayUrl}/metrics`)).text();
        const read = (name: string) =>
          Number(
            new RegExp(`^gerbang_coalesced_batch_size_${name}\\{subject="retribusi\\.ingest\\.submit-coalesced\\.v1"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0,
          );
        return { requests: read('sum'), messages: read('count') };
      };
      const before = await coalesced();
      const events = await call('GET', '/retribusi/v1/frontend/entry-events?location_code=kerkof_01&limit=1', { role: 'viewer' });
      const now = Math.floor(Date.now() / 1000);
      const event = { timestamp: now, location_code: 'kerkof_01', gate_code: 'gate01', category: 'motor' };
      // 10 new events, 10 sent twice under one key, 5 invalid, 5 for an unknown gate: 40 requests at once.
      const bodies = [
        ...Array.from({ length: 10 }, (_, index) => ({ body: { ...event, event_id: `together-${index}` }, expected: 200 })),
        ...Array.from({ length: 20 }, (_, index) => ({ body: { ...event, event_id: `together-twice-${index % 10}` }, expected: 200 })),
        ...Array.from({ length: 5 }, () => ({ body: { ...event, category: 'plane' }, expected: 422 })),
        ...Array.from({ length: 5 }, () => ({ body: { ...event, gate_code: 'gate99' }, expected: 404 })),
      ].map(({ body, expected }) => ({ text: JSON.stringify(body), expected }));
      // And one body nested too deeply to encode: refused alone at the edge, failing none of the others.
      bodies.splice(20, 0, { text: `{"location_code":${'['.repeat(5_000)}${']'.repeat(5_000)}}`, expected: 400 });
      // Sent in one write on one connection, so they reach the gateway together however busy the machine is.
      const responses = await pipelinedRequests(
        fleet.gatewayUrl,
        bodies.map(({ text }) => ({
          method: 'POST',
          path: '/retribusi/v1/ingest',
          headers: { 'content-type': 'application/json', 'x-api-key': INGEST_KEY },
          body: text,
        })),
      );
      const answers: Answer[] = responses.map((response) => ({ status: response.status, body: response.json<Record<string, unknown>>() }));
      answers.forEach((answer, index) => {
        const expected = bodies[index]?.expected;
        expect(answer.status).toBe(expected);
        if (expected === 200) {
          expect(answer.body).toEqual({ success: true, data: expect.any(Object), timestamp: expect.any(Number) });
          expect([{ stored: true }, { stored: true, duplicate: true }]).toContainEqual(answer.body.data);
        }
        if (expected === 422) expect(answer.body).toEqual({ error: 'validation_error', fields: { category: expect.any(String) } });
        if (expected === 404) expect(answer.body).toEqual({ error: 'not_found', message: 'Gate not found' });
        if (expected === 400) expect(answer.body).toEqual({ error: 'bad_request', message: 'Request body is nested too deeply' });
      });
      // Of each key sent twice, one request stored the event and the other was told it repeats it.
      const repeats = answers.filter((answer) => (answer.body.data as { duplicate?: boolean } | undefined)?.duplicate === true);
      expect(repeats).toHaveLength(10);
      expect(answers.slice(0, 10).every((answer) => (answer.body.data as { duplicate?: boolean }).duplicate === undefined)).toBe(true);
      const after = await call('GET', '/retribusi/v1/frontend/entry-events?location_code=kerkof_01&limit=1', { role: 'viewer' });
      expect((after.body.meta as { total: number }).total).toBe((events.body.meta as { total: number }).total + 20);
      const travelled = await coalesced();
      expect(travelled.requests - before.requests).toBe(40);
      expect(travelled.messages - before.messages).toBeLessThan(40);
    });

    it('takes a backlog batch with one result per event', async () => {
      const now = Math.floor(Date.now() / 1000);
      const answer = await call('POST', '/retribusi/v1/ingest/batch', {
        headers: { 'x-api-key': INGEST_KEY },
        body: {
          events: [
            { timestamp: now - 60, location_code: 'kerkof_01', gate_code: 'gate01', category: 'motor' },
            { timestamp: now - 30, location_code: 'kerkof_01', gate_code: 'gate99', category: 'motor' },
          ],
        },
      });
      expect(answer.status).toBe(200);
      const results = (answer.body.data as { results: Array<Record<string, unknown>> }).results;
      expect(results).toHaveLength(2);
      expect(results[0]).toEqual(expect.objectContaining({ stored: true }));
      expect(results[1]).toEqual(expect.objectContaining({ stored: false }));
    });
  });
});
