import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RETRIBUSI_CONSUMERS, RETRIBUSI_SUBJECTS as S } from '@gerbang/contracts';
import {
  eventually,
  fieldMessages,
  HOURLY_FROM_RAW,
  HOURLY_STORED,
  ingestKey,
  RetribusiHarness,
  SUMMARY_FROM_RAW,
  SUMMARY_STORED,
  userPrincipal,
} from './retribusi-harness.js';

const admin = userPrincipal('admin');
const operator = userPrincipal('operator');
const viewer = userPrincipal('viewer');

/** Unix seconds of a wall-clock time in Asia/Jakarta (UTC+7, no DST). */
const jakarta = (date: string, time: string) => Date.parse(`${date}T${time}+07:00`) / 1000;
const DAY = '2025-01-17';
const NEXT_DAY = '2025-01-18';

describe('retribusi ingest, entry events, summaries and dashboards over NATS', () => {
  let app: RetribusiHarness;
  const ingest = (body: unknown, options: { headers?: Record<string, string>; clientIp?: string } = {}) =>
    app.request(S.ingestSubmit, ingestKey, { body, ...options });
  const event = (time: number, category = 'motor', gate = 'gate01', location = 'kerkof_01') => ({
    timestamp: time,
    location_code: location,
    gate_code: gate,
    category,
  });

  beforeAll(async () => {
    app = await RetribusiHarness.start();
    await app.ok(S.locationsCreate, operator, { body: { code: 'kerkof_01', name: 'Kerkof 01', type: 'kerkof' } });
    await app.ok(S.locationsCreate, operator, { body: { code: 'pasar_01', name: 'Pasar 01', type: 'pasar' } });
    for (const [location, gate] of [
      ['kerkof_01', 'gate01'],
      ['kerkof_01', 'gate02'],
      ['kerkof_01', 'gate03'],
      ['pasar_01', 'gate01'],
    ] as const) {
      await app.ok(S.gatesCreate, operator, { body: { location_code: location, gate_code: gate, name: gate, direction: 'in' } });
    }
    const prices = { person_walk: 2000, motor: 5000, car: 10000 };
    for (const [category, price] of Object.entries(prices)) {
      for (const gate of ['gate01', 'gate02', 'gate03'])
        await app.ok(S.tariffsCreate, operator, { body: { location_code: 'kerkof_01', gate_code: gate, category, price } });
    }
    await app.ok(S.tariffsCreate, operator, { body: { location_code: 'pasar_01', gate_code: 'gate01', category: 'motor', price: 3000 } });
  });

  afterAll(async () => {
    await app?.stop();
  });

  describe('single ingest', () => {
    it('stores the event with the tariff price and source IP, and answers {stored: true}', async () => {
      // The document's datetime format, read on the business zone's clock; Unix seconds are sent everywhere else.
      const body = { ...event(0), timestamp: `${DAY} 10:30:00` };
      await expect(ingest(body, { clientIp: '10.1.2.3' })).resolves.toEqual({ ok: true, value: { data: { stored: true } } });
      const [row] = await app.sql(
        'SELECT location_code, gate_code, category, price, source_ip, extract(epoch FROM event_time)::int AS t FROM retribusi.entry_events',
      );
      expect(row).toEqual({
        location_code: 'kerkof_01',
        gate_code: 'gate01',
        category: 'motor',
        price: 5000,
        source_ip: '10.1.2.3',
        t: jakarta(DAY, '10:30:00'),
      });
      const outbox = await app.sql('SELECT subject, headers FROM retribusi.outbox_messages');
      expect(outbox).toEqual([{ subject: 'retribusi.entry.batch-created.v1', headers: { 'Nats-Msg-Id': expect.stringMatching(/^retribusi-entries-\d+$/) } }]);
    });

    it('answers 422 with a message per invalid field', async () => {
      const missing = await ingest({ location_code: 'kerkof_01' });
      expect(missing.ok).toBe(false);
      expect(!missing.ok && missing.error.code).toBe('validation_failed');
      expect(!missing.ok && fieldMessages(missing.error)).toEqual({
        timestamp: 'Field is required',
        gate_code: 'Field is required',
        category: 'Field is required',
      });
      const wrong = await ingest({ timestamp: 'yesterday', location_code: 'kerkof_01', gate_code: 'gate01', category: 'bus' });
      expect(!wrong.ok && fieldMessages(wrong.error)).toEqual({
        timestamp: 'Must be a Unix timestamp in seconds (integer) or a datetime YYYY-MM-DD HH:MM:SS',
        category: 'Must be one of: person_walk, motor, car',
      });
    });

    it('answers 404 for an unknown or inactive location or gate and a missing tariff', async () => {
      const time = jakarta(DAY, '11:00:00');
      await expect(ingest(event(time, 'motor', 'gate01', 'nowhere'))).resolves.toMatchObject({
        ok: false,
        error: { code: 'not_found', message: 'Location not found' },
      });
      await expect(ingest(event(time, 'motor', 'gate77'))).resolves.toMatchObject({ ok: false, error: { code: 'not_found', message: 'Gate not found' } });
      await expect(ingest(event(time, 'car', 'gate01', 'pasar_01'))).resolves.toMatchObject({
        ok: false,
        error: { code: 'not_found', message: 'Tariff not found' },
      });

      await app.ok(S.gatesDelete, admin, { params: { location_code: 'kerkof_01', gate_code: 'gate03' } });
      await expect(ingest(event(time, 'motor', 'gate03'))).resolves.toMatchObject({ ok: false, error: { message: 'Gate not found' } });
      await app.ok(S.locationsDelete, admin, { params: { code: 'pasar_01' } });
      await expect(ingest(event(time, 'motor', 'gate01', 'pasar_01'))).resolves.toMatchObject({ ok: false, error: { message: 'Location not found' } });
      await app.ok(S.locationsUpdate, operator, { params: { code: 'pasar_01' }, body: { is_active: 1 } });
      await expect(ingest(event(time, 'motor', 'gate01', 'pasar_01'))).resolves.toMatchObject({ ok: true });
    });

    it('prices an event with the tariff in force at its timestamp, also when it arrives after a change (own writes clear the lookup cache)', async () => {
      const params = { location_code: 'kerkof_01', gate_code: 'gate02', category: 'car' };
      await expect(ingest({ ...event(jakarta(DAY, '12:00:00'), 'car', 'gate02'), event_id: 'price-1' })).resolves.toMatchObject({ ok: true });
      await app.ok(S.tariffsUpdate, operator, { params, body: { price: 12000 } });
      // A backlog event from before the change keeps the old price; an event after it gets the new one.
      await expect(ingest({ ...event(jakarta(DAY, '12:05:00'), 'car', 'gate02'), event_id: 'price-2' })).resolves.toMatchObject({ ok: true });
      const afterChange = Math.floor(Date.now() / 1000) + 5;
      await expect(ingest({ ...event(afterChange, 'car', 'gate02'), event_id: 'price-3' })).resolves.toMatchObject({ ok: true });
      const rows = await app.sql("SELECT price FROM retribusi.entry_events WHERE event_key IN ('id:price-1', 'id:price-2', 'id:price-3') ORDER BY id");
      expect(rows).toEqual([{ price: 10000 }, { price: 10000 }, { price: 12000 }]);
    });

    it('counts a repeated event_id or Idempotency-Key once per gate', async () => {
      const body = { ...event(jakarta(DAY, '13:00:00')), event_id: 'gate01-000123' };
      await expect(ingest(body)).resolves.toEqual({ ok: true, value: { data: { stored: true } } });
      await expect(ingest(body)).resolves.toEqual({ ok: true, value: { data: { stored: true, duplicate: true } } });
      // The id naming another event (a gate reusing ids) is refused: neither event is dropped silently.
      for (const other of [
        { ...body, category: 'car' },
        { ...body, timestamp: body.timestamp + 60 },
      ]) {
        await expect(ingest(other)).resolves.toEqual({ ok: false, error: { code: 'conflict', message: 'Event id already used for a different event' } });
      }
      // The same id from another gate is another event.
      await expect(ingest({ ...body, gate_code: 'gate02' })).resolves.toEqual({ ok: true, value: { data: { stored: true } } });

      const headers = { 'idempotency-key': '6c0f0a3e-3b7a-4d55-9d4e-2f7f3f0e9a11' };
      await expect(ingest(event(jakarta(DAY, '13:05:00'), 'person_walk'), { headers })).resolves.toEqual({ ok: true, value: { data: { stored: true } } });
      await expect(ingest(event(jakarta(DAY, '13:05:00'), 'person_walk'), { headers })).resolves.toEqual({
        ok: true,
        value: { data: { stored: true, duplicate: true } },
      });

      const counted = await app.sql<{ count: number }>(
        "SELECT count(*)::int AS count FROM retribusi.entry_events WHERE event_key IN ('id:gate01-000123', 'key:6c0f0a3e-3b7a-4d55-9d4e-2f7f3f0e9a11')",
      );
      expect(counted).toEqual([{ count: 3 }]);
      // The same event sent many times at once (a gate retrying eagerly) is stored once.
      const burst = await Promise.all(
        Array.from({ length: 12 }, () => ingest({ ...event(jakarta(DAY, '13:10:00'), 'person_walk', 'gate02'), event_id: 'burst-1' })),
      );
      const replies = burst.map((outcome) => (outcome.ok ? outcome.value.data : outcome.error));
      expect(replies.filter((reply) => JSON.stringify(reply) === '{"stored":true}')).toHaveLength(1);
      expect(replies.filter((reply) => JSON.stringify(reply) === '{"stored":true,"duplicate":true}')).toHaveLength(11);
      await expect(app.sql("SELECT count(*)::int AS count FROM retribusi.entry_events WHERE event_key = 'id:burst-1'")).resolves.toEqual([{ count: 1 }]);
      // Two events under one id at once: whichever is written first is stored, the other conflicts.
      const rivals = ['motor', 'car'].map((category) => ({ ...event(jakarta(DAY, '13:11:00'), category, 'gate02'), event_id: 'together-1' }));
      const answers = await Promise.all(rivals.map((rival) => ingest(rival)));
      const winner = answers.findIndex((answer) => answer.ok);
      expect(answers[winner]).toEqual({ ok: true, value: { data: { stored: true } } });
      expect(answers[1 - winner]).toEqual({ ok: false, error: { code: 'conflict', message: 'Event id already used for a different event' } });
      await expect(app.sql("SELECT category FROM retribusi.entry_events WHERE event_key = 'id:together-1'")).resolves.toEqual([
        { category: rivals[winner]?.category },
      ]);
      const invalid = await ingest(event(jakarta(DAY, '13:06:00')), { headers: { 'idempotency-key': 'has spaces in it' } });
      expect(!invalid.ok && fieldMessages(invalid.error)).toEqual({ 'Idempotency-Key': 'Must be 1-190 printable characters without spaces' });
    });

    it('stores every event without an id as its own, with no key, also when sent together', async () => {
      const keyless = event(jakarta(DAY, '12:34:56'), 'car', 'gate02');
      const replies = await Promise.all(Array.from({ length: 5 }, () => ingest(keyless)));
      expect(replies).toEqual(Array.from({ length: 5 }, () => ({ ok: true, value: { data: { stored: true } } })));
      await expect(ingest(keyless)).resolves.toEqual({ ok: true, value: { data: { stored: true } } });
      const stored = await app.sql<{ count: number; keys: number }>(
        `SELECT count(*)::int AS count, count(event_key)::int AS keys FROM retribusi.entry_events
          WHERE gate_code = 'gate02' AND event_time = to_timestamp(${jakarta(DAY, '12:34:56')})`,
      );
      expect(stored).toEqual([{ count: 6, keys: 0 }]);
    });
  });

  describe('batch ingest', () => {
    it('answers one result per event: stored, duplicate, or the error with its code', async () => {
      const outcome = await app.ok<{ results: unknown[]; stored: number; duplicates: number; failed: number }>(S.ingestSubmitBatch, ingestKey, {
        body: {
          events: [
            { ...event(jakarta(DAY, '23:30:00'), 'car'), event_id: 'b-1' },
            { ...event(jakarta(NEXT_DAY, '00:10:00'), 'person_walk', 'gate02'), event_id: 'b-2' },
            { ...event(jakarta(DAY, '14:00:00')), category: 'truck' },
            event(jakarta(DAY, '14:00:00'), 'motor', 'gate77'),
            { ...event(jakarta(DAY, '23:31:00'), 'car'), event_id: 'b-1' },
            { ...event(jakarta(DAY, '13:00:00')), event_id: 'gate01-000123' },
            event(jakarta(DAY, '15:00:00'), 'motor'),
            { ...event(jakarta(DAY, '23:30:00'), 'car'), event_id: 'b-1' },
            { ...event(jakarta(DAY, '13:00:00'), 'car'), event_id: 'gate01-000123' },
          ],
        },
      });
      expect(outcome.data).toEqual({
        results: [
          { index: 0, stored: true },
          { index: 1, stored: true },
          {
            index: 2,
            stored: false,
            error: { code: 'validation_error', message: 'Validation failed', fields: { category: 'Must be one of: person_walk, motor, car' } },
          },
          { index: 3, stored: false, error: { code: 'not_found', message: 'Gate not found' } },
          // b-1 again but a minute later: another event under a used id.
          { index: 4, stored: false, error: { code: 'conflict', message: 'Event id already used for a different event' } },
          { index: 5, stored: true, duplicate: true },
          { index: 6, stored: true },
          { index: 7, stored: true, duplicate: true },
          // An id stored earlier, now with another category.
          { index: 8, stored: false, error: { code: 'conflict', message: 'Event id already used for a different event' } },
        ],
        stored: 3,
        duplicates: 2,
        failed: 4,
      });
    });

    it('makes a retried batch with the same Idempotency-Key count once', async () => {
      const request = {
        headers: { 'idempotency-key': 'batch-2025-01-17-a' },
        body: { events: [event(jakarta(DAY, '16:00:00')), event(jakarta(DAY, '16:01:00'), 'car')] },
      };
      await expect(app.ok(S.ingestSubmitBatch, ingestKey, request)).resolves.toMatchObject({ data: { stored: 2, duplicates: 0 } });
      await expect(app.ok(S.ingestSubmitBatch, ingestKey, request)).resolves.toMatchObject({ data: { stored: 0, duplicates: 2 } });
      // The key numbers events by position: the same batch reordered is not a retry, and says so.
      const reordered = { ...request, body: { events: [...request.body.events].reverse() } };
      await expect(app.ok(S.ingestSubmitBatch, ingestKey, reordered)).resolves.toMatchObject({ data: { stored: 0, duplicates: 0, failed: 2 } });
    });

    it('refuses more than 1,000 events, an empty list and a missing one (422)', async () => {
      const tooMany = await app.fails(S.ingestSubmitBatch, ingestKey, { body: { events: new Array(1001).fill(event(jakarta(DAY, '17:00:00'))) } });
      expect(fieldMessages(tooMany)).toEqual({ events: 'Must contain at most 1000 events' });
      expect(fieldMessages(await app.fails(S.ingestSubmitBatch, ingestKey, { body: { events: [] } }))).toEqual({ events: 'Must contain at least 1 event' });
      expect(fieldMessages(await app.fails(S.ingestSubmitBatch, ingestKey, { body: {} }))).toEqual({ events: 'Field is required' });
    });

    it('stores a full batch of 1,000 events', async () => {
      const events = Array.from({ length: 1000 }, (_, index) => ({
        ...event(jakarta(DAY, '18:00:00') + index, index % 2 ? 'motor' : 'person_walk', 'gate02'),
        event_id: `full-${index}`,
      }));
      await expect(app.ok(S.ingestSubmitBatch, ingestKey, { body: { events } })).resolves.toMatchObject({ data: { stored: 1000, duplicates: 0, failed: 0 } });
    });
  });

  describe('outbox and aggregation', () => {
    it('publishes every stored event to JetStream once, one message per commit keyed by its first entry id', async () => {
      const stored = await app.sql<{ id: string }>('SELECT id::text AS id FROM retribusi.entry_events ORDER BY entry_events.id');
      await eventually(
        async () => ((await app.sql('SELECT 1 FROM retribusi.outbox_messages WHERE published_at IS NULL')).length === 0 ? true : undefined),
        20_000,
        'outbox drained',
      );
      const messages = await app.streamMessages();
      const entries = messages.flatMap((message) => (message.payload.entries as Array<{ entryId: number }>).map((entry) => entry.entryId));
      // Every stored event in exactly one message, and no message for nothing (a repeat stores no row).
      expect([...entries].sort((left, right) => left - right)).toEqual(stored.map((row) => Number(row.id)));
      for (const message of messages) {
        const ids = (message.payload.entries as Array<{ entryId: number }>).map((entry) => entry.entryId);
        expect(message.subject).toBe('retribusi.entry.batch-created.v1');
        expect(ids.length).toBeGreaterThan(0);
        expect(ids).toEqual([...ids].sort((left, right) => left - right));
        expect(message.msgId).toBe(`retribusi-entries-${ids[0]}`);
      }
      // The 1,000-event batch was one commit, so one message.
      expect(Math.max(...messages.map((message) => (message.payload.entries as unknown[]).length))).toBe(1000);
      const [first] = await app.sql<{ id: string }>('SELECT id::text FROM retribusi.entry_events ORDER BY id LIMIT 1');
      const published = messages
        .flatMap((message) => message.payload.entries as Array<Record<string, unknown>>)
        .find((entry) => entry.entryId === Number(first?.id));
      expect(published).toEqual({
        entryId: Number(first?.id),
        locationCode: 'kerkof_01',
        gateCode: 'gate01',
        category: 'motor',
        eventTime: jakarta(DAY, '10:30:00'),
        price: 5000,
        sourceIp: '10.1.2.3',
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      });
    });

    it('keeps daily and hourly summaries equal to the raw events, by business-zone day and hour', async () => {
      await eventually(
        async () => {
          const [state] = await app.sql<{ pending: number }>(
            'SELECT (SELECT count(*) FROM retribusi.entry_events) - (SELECT coalesce(sum(total_count), 0) FROM retribusi.daily_summaries) AS pending',
          );
          // A double count ends the wait too, and the comparisons below fail.
          return Number(state?.pending) <= 0 ? true : undefined;
        },
        20_000,
        'aggregation caught up',
      );
      await expect(app.sql(SUMMARY_STORED)).resolves.toEqual(await app.sql(SUMMARY_FROM_RAW, ['Asia/Jakarta']));
      await expect(app.sql(HOURLY_STORED)).resolves.toEqual(await app.sql(HOURLY_FROM_RAW, ['Asia/Jakarta']));
    });

    it('adds nothing for a message folded before, published again', async () => {
      const [folded] = (await app.streamMessages()).filter((message) => (message.payload.entries as unknown[]).length > 1);
      if (!folded) throw new Error('no batch message in the stream');
      const marks = await app.sql('SELECT first_entry_id FROM retribusi.aggregated_messages');
      await app.publishToStream(folded.subject, folded.payload);
      await app.consumerIdle(RETRIBUSI_CONSUMERS.aggregator);
      // One mark per message, not per entry: the republished message found its own.
      await expect(app.sql('SELECT first_entry_id FROM retribusi.aggregated_messages')).resolves.toEqual(marks);
      await expect(app.sql(SUMMARY_STORED)).resolves.toEqual(await app.sql(SUMMARY_FROM_RAW, ['Asia/Jakarta']));
      await expect(app.sql(HOURLY_STORED)).resolves.toEqual(await app.sql(HOURLY_FROM_RAW, ['Asia/Jakarta']));
    });

    it('adds nothing for entries a recompute counted, when their message comes after it', async () => {
      // A message folded for the first time after a recompute of its days (it was still in the stream when the recompute ran).
      const [late] = (await app.streamMessages()).filter((message) => (message.payload.entries as unknown[]).length > 1);
      if (!late) throw new Error('no batch message in the stream');
      const entries = late.payload.entries as Array<{ entryId: number; eventTime: number }>;
      await app.sql('DELETE FROM retribusi.aggregated_messages WHERE first_entry_id = $1', [entries[0]?.entryId]);
      const days = [...new Set(entries.map((entry) => new Date((entry.eventTime + 7 * 3600) * 1000).toISOString().slice(0, 10)))];
      for (const date of days) await app.ok(S.dailySummaryRecompute, admin, { body: { date } });
      await app.publishToStream(late.subject, late.payload);
      await app.consumerIdle(RETRIBUSI_CONSUMERS.aggregator);
      await expect(app.sql('SELECT 1 FROM retribusi.aggregated_messages WHERE first_entry_id = $1', [entries[0]?.entryId])).resolves.toHaveLength(1);
      await expect(app.sql(SUMMARY_STORED)).resolves.toEqual(await app.sql(SUMMARY_FROM_RAW, ['Asia/Jakarta']));
      await expect(app.sql(HOURLY_STORED)).resolves.toEqual(await app.sql(HOURLY_FROM_RAW, ['Asia/Jakarta']));
    });
  });

  describe('summary and dashboard endpoints', () => {
    it('answers the daily summary of a date, filtered by location and gate', async () => {
      const daily = await app.ok<Array<Record<string, unknown>>>(S.dailySummaryList, viewer, {
        query: { date: DAY, location_code: 'kerkof_01', gate_code: 'gate01' },
      });
      expect(daily.data).toEqual([
        { summary_date: DAY, location_code: 'kerkof_01', gate_code: 'gate01', category: 'person_walk', total_count: 1, total_amount: 2000 },
        { summary_date: DAY, location_code: 'kerkof_01', gate_code: 'gate01', category: 'motor', total_count: 4, total_amount: 20000 },
        { summary_date: DAY, location_code: 'kerkof_01', gate_code: 'gate01', category: 'car', total_count: 2, total_amount: 20000 },
      ]);
      expect(daily.page).toBeUndefined();
      await expect(app.ok(S.dailySummaryList, viewer, { query: { date: '2024-01-01' } })).resolves.toEqual({ data: [] });
    });

    it('answers 24 zero-filled hours, an event just before midnight on its own day', async () => {
      const hourly = await app.ok<{ labels: string[]; series: { total_count: number[]; total_amount: number[] } }>(S.hourlySummaryGet, viewer, {
        query: { date: DAY, location_code: 'kerkof_01', gate_code: 'gate01' },
      });
      expect(hourly.data?.labels).toEqual(Array.from({ length: 24 }, (_, hour) => String(hour).padStart(2, '0')));
      const counts = hourly.data?.series.total_count ?? [];
      expect(counts[10]).toBe(1);
      expect(counts[23]).toBe(1);
      expect(counts[0]).toBe(0);
      expect(counts.reduce((sum, value) => sum + value, 0)).toBe(7);
      const nextDay = await app.ok<{ series: { total_count: number[] } }>(S.hourlySummaryGet, viewer, { query: { date: NEXT_DAY } });
      expect(nextDay.data?.series.total_count[0]).toBe(1);
    });

    it('answers the daily chart for every date of the range, zero-filled, and caps the range', async () => {
      const chart = await app.ok<{ labels: string[]; series: { total_count: number[]; total_amount: number[] } }>(S.dashboardDaily, viewer, {
        query: { start_date: '2025-01-16', end_date: '2025-01-19', location_code: 'kerkof_01' },
      });
      expect(chart.data?.labels).toEqual(['2025-01-16', '2025-01-17', '2025-01-18', '2025-01-19']);
      const [raw] = await app.sql<{ count: number; amount: number }>(
        `SELECT count(*)::int AS count, sum(price)::int AS amount FROM retribusi.entry_events
          WHERE location_code = 'kerkof_01' AND (event_time AT TIME ZONE 'Asia/Jakarta')::date = $1::date`,
        [DAY],
      );
      expect(chart.data?.series.total_count).toEqual([0, raw?.count, 1, 0]);
      expect(chart.data?.series.total_amount).toEqual([0, raw?.amount, 2000, 0]);
      await expect(app.ok(S.dashboardDaily, viewer, { query: { start_date: '2024-01-01', end_date: '2024-12-31' } })).resolves.toMatchObject({
        data: { labels: expect.arrayContaining(['2024-02-29']) },
      });
      expect(fieldMessages(await app.fails(S.dashboardDaily, viewer, { query: { start_date: '2024-01-01', end_date: '2025-01-01' } }))).toEqual({
        end_date: 'Range must be at most 366 days',
      });
      expect(fieldMessages(await app.fails(S.dashboardDaily, viewer, { query: { start_date: '2025-01-17', end_date: '2025-01-16' } }))).toEqual({
        end_date: 'Must not be before start_date',
      });
      expect(fieldMessages(await app.fails(S.dashboardDaily, viewer, { query: { start_date: '2025-01-17' } }))).toEqual({ end_date: 'Field is required' });
    });

    it('answers by category with all three labels and the stat cards', async () => {
      const byCategory = await app.ok<{ labels: string[]; series: { total_count: number[] } }>(S.dashboardByCategory, viewer, {
        query: { date: DAY, location_code: 'kerkof_01', gate_code: 'gate01' },
      });
      expect(byCategory.data).toEqual({ labels: ['person_walk', 'motor', 'car'], series: { total_count: [1, 4, 2], total_amount: [2000, 20000, 20000] } });
      const cards = await app.ok<Record<string, unknown>>(S.dashboardSummary, viewer, { query: { date: DAY, location_code: 'kerkof_01' } });
      const [raw] = await app.sql<{ count: number; amount: number }>(
        `SELECT count(*)::int AS count, sum(price)::int AS amount FROM retribusi.entry_events
          WHERE location_code = 'kerkof_01' AND (event_time AT TIME ZONE 'Asia/Jakarta')::date = $1::date`,
        [DAY],
      );
      expect(cards.data).toMatchObject({ total_count_today: raw?.count, total_amount_today: raw?.amount });
      expect(cards.data?.by_gate).toEqual([
        { location_code: 'kerkof_01', gate_code: 'gate01', total_count: 7, total_amount: 42000 },
        expect.objectContaining({ gate_code: 'gate02' }),
      ]);
      expect((cards.data?.by_category as Array<{ category: string }>).map((row) => row.category)).toEqual(['person_walk', 'motor', 'car']);
    });

    it('validates dates (422) on every summary read', async () => {
      for (const subject of [S.dailySummaryList, S.hourlySummaryGet, S.dashboardByCategory, S.dashboardSummary]) {
        expect(fieldMessages(await app.fails(subject, viewer, { query: {} }))).toEqual({ date: 'Field is required' });
        expect(fieldMessages(await app.fails(subject, viewer, { query: { date: '2025-02-30' } }))).toEqual({ date: 'Must be a date in format YYYY-MM-DD' });
      }
      await expect(app.fails(S.dailySummaryList, null, { query: { date: DAY } })).resolves.toMatchObject({ code: 'unauthenticated' });
    });

    it('recomputes a day from the raw events (admin) and repairs a damaged summary', async () => {
      await app.sql(`UPDATE retribusi.daily_summaries SET total_count = 999 WHERE summary_date = $1`, [DAY]);
      await app.sql(`DELETE FROM retribusi.hourly_summaries WHERE summary_date = $1 AND hour = 10`, [DAY]);
      const [{ events }] = await app.sql<{ events: number }>(
        `SELECT count(*)::int AS events FROM retribusi.entry_events WHERE (event_time AT TIME ZONE 'Asia/Jakarta')::date = $1::date`,
        [DAY],
      );
      await expect(app.ok(S.dailySummaryRecompute, admin, { body: { date: DAY } })).resolves.toEqual({ data: { rows_processed: events, date: DAY } });
      await expect(app.sql(SUMMARY_STORED)).resolves.toEqual(await app.sql(SUMMARY_FROM_RAW, ['Asia/Jakarta']));
      await expect(app.sql(HOURLY_STORED)).resolves.toEqual(await app.sql(HOURLY_FROM_RAW, ['Asia/Jakarta']));
      await expect(app.ok(S.dailySummaryRecompute, admin, { body: { date: '2024-01-01' } })).resolves.toEqual({
        data: { rows_processed: 0, date: '2024-01-01' },
      });
      await expect(app.fails(S.dailySummaryRecompute, operator, { body: { date: DAY } })).resolves.toMatchObject({ code: 'forbidden' });
      expect(fieldMessages(await app.fails(S.dailySummaryRecompute, admin, { body: { date: '17-01-2025' } }))).toEqual({
        date: 'Must be a date in format YYYY-MM-DD',
      });
      expect(fieldMessages(await app.fails(S.dailySummaryRecompute, admin, { body: {} }))).toEqual({ date: 'Field is required' });
    });
  });

  describe('entry events', () => {
    it('lists raw events newest first with event_time in the business zone', async () => {
      const page = await app.ok<Array<Record<string, unknown>>>(S.entryEventsList, viewer, {
        query: { location_code: 'kerkof_01', gate_code: 'gate01', limit: '100' },
      });
      expect(page.page).toEqual({ page: 1, limit: 100, total: 7 });
      const ids = (page.data ?? []).map((row) => row.id as number);
      expect([...ids].sort((left, right) => right - left)).toEqual(ids);
      expect(page.data).toContainEqual({
        id: expect.any(Number),
        location_code: 'kerkof_01',
        gate_code: 'gate01',
        category: 'motor',
        event_time: '2025-01-17 10:30:00',
        source_ip: '10.1.2.3',
        created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      });
    });

    it('filters by category and by business-zone dates', async () => {
      const cars = await app.ok<Array<{ event_time: string }>>(S.entryEventsList, viewer, { query: { gate_code: 'gate01', category: 'car' } });
      expect(cars.data?.map((row) => row.event_time)).toEqual(['2025-01-17 16:01:00', '2025-01-17 23:30:00']);
      const nextDay = await app.ok<Array<{ event_time: string }>>(S.entryEventsList, viewer, { query: { start_date: NEXT_DAY, end_date: NEXT_DAY } });
      expect(nextDay.data?.map((row) => row.event_time)).toEqual(['2025-01-18 00:10:00']);
      await expect(app.ok(S.entryEventsList, viewer, { query: { end_date: '2025-01-16' } })).resolves.toMatchObject({ data: [], page: { total: 0 } });
      expect(fieldMessages(await app.fails(S.entryEventsList, viewer, { query: { category: 'truck' } }))).toEqual({
        category: 'Must be one of: person_walk, motor, car',
      });
      expect(fieldMessages(await app.fails(S.entryEventsList, viewer, { query: { start_date: 'today' } }))).toEqual({
        start_date: 'Must be a date in format YYYY-MM-DD',
      });
    });
  });
});
