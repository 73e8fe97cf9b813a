import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import {
  AUTH_SUBJECTS,
  healthSubject,
  REALTIME_CONSUMER,
  REALTIME_SUBJECTS,
  RETRIBUSI_EVENTS_STREAM,
  RETRIBUSI_SUBJECTS,
  type HealthReply,
  type RealtimeEventV1,
  type RealtimeReplayReplyV1,
  type RetribusiEntryCreatedV1,
} from '@gerbang/contracts';
import { NatsRequester } from '@gerbang/runtime';
import { eventually, freePort, startFleet, withClient, type TestFleet } from '@gerbang/testing';

const ADMIN_PASSWORD = 'Admin#12345';
const INGEST_KEY = 'realtime-e2e-ingest-key-0123456789abcdef';
const PRICES = { person_walk: 2000, motor: 5000, car: 10000 } as const;

/** Unix seconds of a wall-clock time in Asia/Jakarta (UTC+7, no DST). */
const jakarta = (date: string, time: string) => Date.parse(`${date}T${time}+07:00`) / 1000;
const DAY = '2025-01-17';
const NEXT_DAY = '2025-01-18';

interface ListItem {
  id: number;
  location_code: string;
  gate_code: string;
  category: string;
  event_time: number;
  total_count_delta: number;
  created_at: string;
}
interface ListBody {
  success: boolean;
  data: ListItem[];
  meta: { page: number; limit: number; total: number; pages: number };
  timestamp: number;
}

/**
 * The realtime service in the whole retribusi path: gates ingest through the gateway, the
 * entry reaches realtime over JetStream, and clients read it back through the gateway (list,
 * snapshot) or over NATS as the gateway's SSE streams do (live subject, replay).
 */
describe('realtime: events, snapshot, live and replay', () => {
  let fleet: TestFleet;
  let nats: NatsConnection;
  let requester: NatsRequester;
  let live: Subscription;
  const liveEvents: RealtimeEventV1[] = [];
  const tokens: Record<'admin' | 'operator' | 'viewer', string> = { admin: '', operator: '', viewer: '' };

  const url = (path: string) => `${fleet.gatewayUrl}${path}`;
  const get = (path: string, token: string | null = tokens.viewer) => fetch(url(path), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const getJson = async <T>(path: string, token?: string): Promise<T> => {
    const response = await get(path, token);
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const send = async (method: string, path: string, body: unknown, headers: Record<string, string>) => {
    const response = await fetch(url(path), { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const ingest = (timestamp: number, location: string, gate: string, category: keyof typeof PRICES) =>
    send('POST', '/retribusi/v1/ingest', { timestamp, location_code: location, gate_code: gate, category }, { 'x-api-key': INGEST_KEY });
  const sql = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
    withClient(fleet.databaseUrl, async (client) => (await client.query<T>(text, values)).rows);
  const storedCount = async () => Number((await sql<{ count: string }>('SELECT count(*) AS count FROM realtime.realtime_events'))[0]?.count);
  const tableIds = async (afterId = 0) =>
    (await sql<{ id: string }>('SELECT id::text FROM realtime.realtime_events e WHERE e.id > $1 ORDER BY e.id', [afterId])).map((row) => Number(row.id));
  const replay = (request: Record<string, unknown>) => requester.call<RealtimeReplayReplyV1>(REALTIME_SUBJECTS.replay, request);
  const publishEntry = (entry: RetribusiEntryCreatedV1 | string, msgID: string) =>
    jetstream(nats).publish(RETRIBUSI_SUBJECTS.entryCreated, typeof entry === 'string' ? entry : JSON.stringify(entry), { msgID });
  const entry = (entryId: number, overrides: Partial<RetribusiEntryCreatedV1> = {}): RetribusiEntryCreatedV1 => ({
    entryId,
    locationCode: 'sentinel_01',
    gateCode: 'gate01',
    category: 'motor',
    eventTime: jakarta('2024-06-01', '12:00:00'),
    price: 1000,
    sourceIp: null,
    createdAt: new Date().toISOString(),
    ...overrides,
  });

  beforeAll(async () => {
    fleet = await startFleet({
      apps: ['auth-rbac', 'retribusi-ingest', 'realtime', 'gateway'],
      env: {
        BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
        RETRIBUSI_API_KEY: INGEST_KEY,
        // Small batches, so two replicas interleave many of them; pruning every second.
        REALTIME_BATCH_SIZE: '25',
        REALTIME_PRUNE_INTERVAL_SECONDS: '1',
        // An entry stuck in a batch is redelivered within seconds.
        REALTIME_ACK_WAIT_SECONDS: '3',
      },
    });
    nats = await connect({ servers: fleet.natsUrl });
    requester = new NatsRequester(nats, 10_000);
    live = nats.subscribe(REALTIME_SUBJECTS.live, { callback: (_error, message) => void liveEvents.push(message.json<RealtimeEventV1>()) });
    await nats.flush();

    const login = async (username: string, password: string) =>
      ((await send('POST', '/auth/v1/login', { username, password }, {})) as { data: { token: string } }).data.token;
    tokens.admin = await login('admin', ADMIN_PASSWORD);
    for (const role of ['operator', 'viewer'] as const) {
      const password = `${role[0]?.toUpperCase()}${role.slice(1)}#Pass2025`;
      await requester.call(AUTH_SUBJECTS.adminCreateUser, { realm: 'retribusi', username: `${role}1`, password, role, passwordChangeRequired: false });
      tokens[role] = await login(`${role}1`, password);
    }

    const auth = { authorization: `Bearer ${tokens.admin}` };
    for (const [code, type] of [
      ['kerkof_01', 'kerkof'],
      ['pasar_01', 'pasar'],
    ]) {
      await send('POST', '/retribusi/v1/frontend/locations', { code, name: code, type }, auth);
    }
    for (const [location, gate] of [
      ['kerkof_01', 'gate01'],
      ['kerkof_01', 'gate02'],
      ['pasar_01', 'gate01'],
    ] as const) {
      await send('POST', '/retribusi/v1/frontend/gates', { location_code: location, gate_code: gate, name: gate, direction: 'in' }, auth);
    }
    for (const gate of ['gate01', 'gate02']) {
      for (const [category, price] of Object.entries(PRICES))
        await send('POST', '/retribusi/v1/frontend/tariffs', { location_code: 'kerkof_01', gate_code: gate, category, price }, auth);
    }
    await send('POST', '/retribusi/v1/frontend/tariffs', { location_code: 'pasar_01', gate_code: 'gate01', category: 'motor', price: 3000 }, auth);
  });

  afterAll(async () => {
    live?.unsubscribe();
    await nats?.close();
    await fleet?.stop();
  });

  describe('a known set of ingested events', () => {
    const now = Math.floor(Date.now() / 1000);
    // [time, location, gate, category], in ingest order.
    const known: Array<[number, string, string, keyof typeof PRICES]> = [
      [jakarta(DAY, '10:00:00'), 'kerkof_01', 'gate01', 'motor'],
      [jakarta(DAY, '10:01:00'), 'kerkof_01', 'gate01', 'motor'],
      [jakarta(DAY, '10:02:00'), 'kerkof_01', 'gate01', 'motor'],
      [jakarta(DAY, '11:00:00'), 'kerkof_01', 'gate01', 'car'],
      [jakarta(DAY, '12:00:00'), 'kerkof_01', 'gate02', 'person_walk'],
      [jakarta(DAY, '12:30:00'), 'kerkof_01', 'gate02', 'person_walk'],
      [jakarta(DAY, '13:00:00'), 'pasar_01', 'gate01', 'motor'],
      [jakarta(DAY, '14:00:00'), 'pasar_01', 'gate01', 'motor'],
      // The last second of DAY and the first of NEXT_DAY in Jakarta (both 2025-01-17 in UTC).
      [jakarta(DAY, '23:59:59'), 'kerkof_01', 'gate01', 'motor'],
      [jakarta(NEXT_DAY, '00:00:00'), 'kerkof_01', 'gate02', 'car'],
      [jakarta(NEXT_DAY, '08:00:00'), 'pasar_01', 'gate01', 'motor'],
      [now, 'kerkof_01', 'gate01', 'motor'],
    ];
    let rows: ListItem[];

    beforeAll(async () => {
      for (const [time, location, gate, category] of known) await ingest(time, location, gate, category);
      rows = await eventually(
        async () => {
          const body = await getJson<ListBody>('/retribusi/v1/realtime/events?limit=100');
          return body.meta.total === known.length ? body.data : undefined;
        },
        20_000,
        'every ingested event in realtime',
      );
    });

    it('lists every event newest first, with exactly the document fields', async () => {
      expect(rows.map((row) => row.event_time)).toEqual(known.map(([time]) => time).reverse());
      const ids = rows.map((row) => row.id);
      expect([...ids].sort((left, right) => right - left)).toEqual(ids);
      expect(rows[0]).toEqual({
        id: expect.any(Number),
        location_code: 'kerkof_01',
        gate_code: 'gate01',
        category: 'motor',
        event_time: now,
        total_count_delta: 1,
        created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      });
      // created_at is the storage time in Asia/Jakarta.
      const stored = Date.parse(`${rows[0]?.created_at.replace(' ', 'T')}+07:00`) / 1000;
      expect(Math.abs(stored - Date.now() / 1000)).toBeLessThan(120);
    });

    it('pages with the document meta', async () => {
      const body = await getJson<ListBody>('/retribusi/v1/realtime/events?page=2&limit=5');
      expect(body).toEqual({ success: true, data: rows.slice(5, 10), meta: { page: 2, limit: 5, total: 12, pages: 3 }, timestamp: expect.any(Number) });
      const defaults = await getJson<ListBody>('/retribusi/v1/realtime/events');
      expect(defaults.meta).toEqual({ page: 1, limit: 20, total: 12, pages: 1 });
      const capped = await getJson<ListBody>('/retribusi/v1/realtime/events?limit=1000');
      expect(capped.meta.limit).toBe(100);
      const beyond = await getJson<ListBody>('/retribusi/v1/realtime/events?page=9&limit=5');
      expect(beyond.data).toEqual([]);
    });

    it('filters by location, gate, category and business-zone dates', async () => {
      const list = async (query: string) => (await getJson<ListBody>(`/retribusi/v1/realtime/events?limit=100&${query}`)).data;
      const times = (items: ListItem[]) => items.map((item) => item.event_time).sort();
      const expected = (keep: (event: (typeof known)[number]) => boolean) =>
        known
          .filter(keep)
          .map(([time]) => time)
          .sort();

      expect(times(await list('location_code=pasar_01'))).toEqual(expected(([, location]) => location === 'pasar_01'));
      expect(times(await list('location_code=kerkof_01&gate_code=gate02'))).toEqual(
        expected(([, location, gate]) => location === 'kerkof_01' && gate === 'gate02'),
      );
      expect(times(await list('category=car'))).toEqual(expected(([, , , category]) => category === 'car'));
      expect(times(await list(`start_date=${DAY}&end_date=${DAY}`))).toEqual(
        expected(([time]) => time >= jakarta(DAY, '00:00:00') && time < jakarta(NEXT_DAY, '00:00:00')),
      );
      expect(times(await list(`start_date=${NEXT_DAY}`))).toEqual(expected(([time]) => time >= jakarta(NEXT_DAY, '00:00:00')));
      expect(times(await list(`end_date=${DAY}`))).toEqual(expected(([time]) => time < jakarta(NEXT_DAY, '00:00:00')));
      // camelCase spellings work too.
      expect(times(await list('locationCode=pasar_01&startDate=2025-01-18'))).toEqual([jakarta(NEXT_DAY, '08:00:00')]);
      expect(await list('location_code=nowhere_01')).toEqual([]);
    });

    it('lets viewer, operator and admin read, and refuses a request without a token with 401', async () => {
      for (const role of ['viewer', 'operator', 'admin'] as const) {
        expect((await get('/retribusi/v1/realtime/events', tokens[role])).status).toBe(200);
        expect((await get('/retribusi/v1/realtime/snapshot', tokens[role])).status).toBe(200);
      }
      for (const path of ['/retribusi/v1/realtime/events', '/retribusi/v1/realtime/snapshot']) {
        const response = await get(path, null);
        expect(response.status).toBe(401);
        expect(await response.json()).toEqual({ error: 'unauthorized', message: expect.any(String) });
      }
      expect((await get('/retribusi/v1/realtime/events', 'not-a-token')).status).toBe(401);
    });

    it.each([
      ['page=0', 'page'],
      ['page=abc', 'page'],
      ['limit=0', 'limit'],
      ['limit=ten', 'limit'],
      ['location_code=bad%20code', 'location_code'],
      ['gate_code=-gate', 'gate_code'],
      ['category=truck', 'category'],
      ['start_date=2025-02-30', 'start_date'],
      ['end_date=17-01-2025', 'end_date'],
      ['start_date=2025-01-18&end_date=2025-01-17', 'end_date'],
    ])('answers GET /realtime/events?%s with 422 on %s', async (query, field) => {
      const response = await get(`/retribusi/v1/realtime/events?${query}`);
      expect(response.status).toBe(422);
      expect(await response.json()).toEqual({ error: 'validation_error', fields: { [field]: expect.any(String) } });
    });

    it('gives exact snapshot figures for a day, a location and another day', async () => {
      const snapshot = (query: string) => getJson<{ data: unknown }>(`/retribusi/v1/realtime/snapshot?${query}`).then((body) => body.data);
      expect(await snapshot(`date=${DAY}`)).toEqual({
        total_count_today: 9,
        total_amount_today: 40000,
        by_gate: [
          { location_code: 'kerkof_01', gate_code: 'gate01', total_count: 5, total_amount: 30000 },
          { location_code: 'kerkof_01', gate_code: 'gate02', total_count: 2, total_amount: 4000 },
          { location_code: 'pasar_01', gate_code: 'gate01', total_count: 2, total_amount: 6000 },
        ],
        by_category: [
          { category: 'person_walk', total_count: 2, total_amount: 4000 },
          { category: 'motor', total_count: 6, total_amount: 26000 },
          { category: 'car', total_count: 1, total_amount: 10000 },
        ],
      });
      expect(await snapshot(`date=${DAY}&location_code=kerkof_01`)).toMatchObject({
        total_count_today: 7,
        total_amount_today: 34000,
        by_gate: [
          { location_code: 'kerkof_01', gate_code: 'gate01', total_count: 5, total_amount: 30000 },
          { location_code: 'kerkof_01', gate_code: 'gate02', total_count: 2, total_amount: 4000 },
        ],
      });
      expect(await snapshot(`date=${NEXT_DAY}`)).toEqual({
        total_count_today: 2,
        total_amount_today: 13000,
        by_gate: [
          { location_code: 'kerkof_01', gate_code: 'gate02', total_count: 1, total_amount: 10000 },
          { location_code: 'pasar_01', gate_code: 'gate01', total_count: 1, total_amount: 3000 },
        ],
        by_category: [
          { category: 'person_walk', total_count: 0, total_amount: 0 },
          { category: 'motor', total_count: 1, total_amount: 3000 },
          { category: 'car', total_count: 1, total_amount: 10000 },
        ],
      });
      expect(await snapshot('date=2025-01-16')).toMatchObject({ total_count_today: 0, total_amount_today: 0, by_gate: [] });
    });

    it('defaults the snapshot to today in the business zone, and refuses a bad date with 422', async () => {
      const body = await getJson<{ data: { total_count_today: number; total_amount_today: number } }>('/retribusi/v1/realtime/snapshot');
      // Only the event stamped now is today's (unless the run straddles midnight in Jakarta).
      expect(body.data).toMatchObject({ total_count_today: 1, total_amount_today: 5000 });
      for (const query of ['date=2025-02-30', 'date=17-01-2025', 'date=today']) {
        const response = await get(`/retribusi/v1/realtime/snapshot?${query}`);
        expect(response.status).toBe(422);
        expect(await response.json()).toEqual({ error: 'validation_error', fields: { date: 'Must be a date in format YYYY-MM-DD' } });
      }
      const badLocation = await get('/retribusi/v1/realtime/snapshot?location_code=%3Cscript%3E');
      expect(badLocation.status).toBe(422);
    });

    it('published every stored event live, once, in id order', async () => {
      const ids = await tableIds();
      await eventually(async () => (liveEvents.length >= ids.length ? true : undefined), 10_000, 'live events');
      expect(liveEvents.map((event) => event.id)).toEqual(ids);
      const newest = rows[0] as ListItem;
      expect(liveEvents.find((event) => event.id === newest.id)).toEqual({
        id: newest.id,
        location_code: newest.location_code,
        gate_code: newest.gate_code,
        category: newest.category,
        event_time: newest.event_time,
      });
    });

    it('replays after an id, oldest first, with a location filter, a limit and the id range', async () => {
      const ids = await tableIds();
      const [first, third, last] = [ids[0] as number, ids[2] as number, ids.at(-1) as number];
      const all = await replay({ afterId: 0 });
      expect(all).toEqual({ events: expect.any(Array), oldestId: first, latestId: last, hasMore: false });
      expect(all.events.map((event) => event.id)).toEqual(ids);
      expect(all.events).toEqual(liveEvents.filter((event) => ids.includes(event.id)));

      expect((await replay({ afterId: third })).events.map((event) => event.id)).toEqual(ids.slice(3));
      expect(await replay({ afterId: last })).toEqual({ events: [], oldestId: first, latestId: last, hasMore: false });

      const pasar = await replay({ afterId: 0, locationCode: 'pasar_01' });
      expect(pasar.events.map((event) => event.event_time)).toEqual(known.filter(([, location]) => location === 'pasar_01').map(([time]) => time));
      expect(pasar.latestId).toBe(last);

      const page = await replay({ afterId: 0, limit: 5 });
      expect(page.events.map((event) => event.id)).toEqual(ids.slice(0, 5));
      expect(page.hasMore).toBe(true);
      const rest = await replay({ afterId: ids[4], limit: 7 });
      expect(rest.events.map((event) => event.id)).toEqual(ids.slice(5));
      expect(rest.hasMore).toBe(false);
    });

    it('refuses a malformed replay request with validation_failed', async () => {
      for (const request of [{}, { afterId: -1 }, { afterId: 'x' }, { afterId: 0, limit: 0 }, { afterId: 0, locationCode: 'bad code' }]) {
        const outcome = await requester.request(REALTIME_SUBJECTS.replay, request);
        expect(outcome).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
      }
    });
  });

  describe('the consumer', () => {
    it('stores a republished entry once and publishes it once', async () => {
      const [existing] = await sql<{ entry_id: string; id: string }>(
        'SELECT e.entry_id::text, e.id::text FROM realtime.realtime_events e ORDER BY e.id LIMIT 1',
      );
      const before = { stored: await storedCount(), live: liveEvents.length };
      // The same entry again under another Nats-Msg-Id (past JetStream's duplicate window), twice.
      await publishEntry(entry(Number(existing?.entry_id)), 'republish-1');
      await publishEntry(entry(Number(existing?.entry_id)), 'republish-2');
      await publishEntry(entry(900_001), 'fresh-1');
      await publishEntry(entry(900_001), 'fresh-1-again');
      // A sentinel published last: once it is stored, everything before it was handled.
      await publishEntry(entry(900_002), 'sentinel-1');
      await eventually(async () => ((await sql('SELECT 1 FROM realtime.realtime_events WHERE entry_id = 900002')).length ? true : undefined));
      await eventually(async () => (liveEvents.length >= before.live + 2 ? true : undefined), 10_000, 'live events');

      expect(await storedCount()).toBe(before.stored + 2);
      expect(await sql('SELECT count(*)::int AS count FROM realtime.realtime_events WHERE entry_id = 900001')).toEqual([{ count: 1 }]);
      const newIds = await tableIds(Number(existing?.id));
      expect(liveEvents.map((event) => event.id)).toEqual(await tableIds());
      expect(liveEvents.slice(before.live).map((event) => event.id)).toEqual(newIds.slice(-2));
      // No hole in the ids for the skipped duplicates.
      expect(newIds.at(-1)).toBe((newIds.at(-2) as number) + 1);
    });

    it('stores an entry JetStream redelivered while its first delivery was still being stored once, and publishes it once', async () => {
      const manager = await jetstreamManager(nats);
      const redelivered = async () => (await manager.consumers.info(RETRIBUSI_EVENTS_STREAM.name, REALTIME_CONSUMER)).num_redelivered;
      const before = { stored: await storedCount(), live: liveEvents.length };
      await withClient(fleet.databaseUrl, async (client) => {
        // Holds the batch inside its transaction (the counters cannot be written) past the ack wait.
        await client.query('BEGIN');
        await client.query('LOCK TABLE realtime.daily_totals IN EXCLUSIVE MODE');
        await publishEntry(entry(900_010), 'slow-1');
        await eventually(async () => ((await redelivered()) > 0 ? true : undefined), 20_000, 'a redelivery');
        await client.query('COMMIT');
      });
      await publishEntry(entry(900_011), 'sentinel-3');
      await eventually(async () => ((await sql('SELECT 1 FROM realtime.realtime_events WHERE entry_id = 900011')).length ? true : undefined));
      await eventually(async () => ((await redelivered()) === 0 ? true : undefined), 10_000, 'the redeliveries acked');
      expect(await storedCount()).toBe(before.stored + 2);
      expect(await sql('SELECT count(*)::int AS count FROM realtime.realtime_events WHERE entry_id = 900010')).toEqual([{ count: 1 }]);
      expect(liveEvents.slice(before.live).map((event) => event.id)).toEqual((await tableIds()).slice(-2));
    });

    it('drops malformed and stale messages without stopping', async () => {
      const before = await storedCount();
      await publishEntry('not json at all', 'malformed-1');
      await publishEntry(JSON.stringify({ ...entry(900_003), category: 'truck' }), 'malformed-2');
      await publishEntry(JSON.stringify({ ...entry(900_004), entryId: 'x' }), 'malformed-3');
      // Stored by ingest 30 days ago: past retention, it must not come back.
      await publishEntry(entry(900_005, { createdAt: new Date(Date.now() - 30 * 86_400_000).toISOString() }), 'stale-1');
      await publishEntry(entry(900_006), 'sentinel-2');
      await eventually(async () => ((await sql('SELECT 1 FROM realtime.realtime_events WHERE entry_id = 900006')).length ? true : undefined));
      expect(await storedCount()).toBe(before + 1);
      expect(await sql('SELECT entry_id::int FROM realtime.realtime_events WHERE entry_id BETWEEN 900003 AND 900005')).toEqual([]);
      expect(await requester.call<HealthReply>(healthSubject('realtime'), {})).toMatchObject({ status: 'ok', database: true });
    });
  });

  describe('retention', () => {
    it('prunes the oldest ids past retention, keeps the snapshot, and replay reports the new oldest id', async () => {
      const ids = await tableIds();
      const cut = ids[3] as number;
      const snapshotBefore = await getJson<{ data: unknown }>(`/retribusi/v1/realtime/snapshot?date=${DAY}`);
      // Eight days pass for the four oldest events.
      await sql(`UPDATE realtime.realtime_events SET created_at = created_at - interval '8 days' WHERE id <= $1`, [cut]);
      const after = await eventually(
        async () => {
          const reply = await replay({ afterId: 0 });
          return reply.oldestId === ids[4] ? reply : undefined;
        },
        15_000,
        'pruning',
      );
      // afterId + 1 below oldestId: a stream resuming from 0 must reset.
      expect(after.events.map((event) => event.id)).toEqual(ids.slice(4));
      expect(after.latestId).toBe(ids.at(-1));
      expect(await tableIds()).toEqual(ids.slice(4));
      const listed = await getJson<ListBody>('/retribusi/v1/realtime/events?limit=100');
      expect(listed.meta.total).toBe(ids.length - 4);
      expect(await getJson(`/retribusi/v1/realtime/snapshot?date=${DAY}`)).toEqual({ ...snapshotBefore, timestamp: expect.any(Number) });
    });
  });

  describe('two replicas', () => {
    it('commit and publish ids in order under concurrent ingest, each stored once', async () => {
      const metricsPort = await freePort();
      await fleet.startApp('realtime', { METRICS_PORT: String(metricsPort) });
      const startId = (await tableIds()).at(-1) as number;
      const liveStart = liveEvents.length;
      const total = 1_500;
      const base = Math.floor(Date.now() / 1000) - total;
      const gates = [
        ['kerkof_01', 'gate01'],
        ['kerkof_01', 'gate02'],
        ['pasar_01', 'gate01'],
      ] as const;
      const batches = Array.from({ length: total / 100 }, (_, batch) =>
        Array.from({ length: 100 }, (_, index) => {
          const number = batch * 100 + index;
          const [location, gate] = gates[number % gates.length] as readonly [string, string];
          return { timestamp: base + number, location_code: location, gate_code: gate, category: 'motor', event_id: `replicas-${number}` };
        }),
      );
      let next = 0;
      const sender = async () => {
        for (let batch = next++; batch < batches.length; batch = next++)
          await send('POST', '/retribusi/v1/ingest/batch', { events: batches[batch] }, { 'x-api-key': INGEST_KEY });
      };
      await Promise.all(Array.from({ length: 4 }, sender));

      const stored = await eventually(
        async () => {
          const ids = await tableIds(startId);
          return ids.length >= total ? ids : undefined;
        },
        60_000,
        'every event stored',
      );
      expect(stored).toHaveLength(total);
      await eventually(async () => (liveEvents.length - liveStart >= total ? true : undefined), 10_000, 'live events');
      const liveIds = liveEvents.slice(liveStart).map((event) => event.id);
      // Strictly increasing, and exactly the table: nothing missing, repeated or out of order.
      expect(liveIds).toEqual(stored);
      expect(stored.every((id, index) => index === 0 || id > (stored[index - 1] as number))).toBe(true);

      // Both replicas did part of the work.
      const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      const bySecond = Number(/^gerbang_realtime_events_stored_total (\d+)/m.exec(metrics)?.[1]);
      expect(bySecond).toBeGreaterThan(0);
      expect(bySecond).toBeLessThan(total);
    }, 120_000);
  });
});
