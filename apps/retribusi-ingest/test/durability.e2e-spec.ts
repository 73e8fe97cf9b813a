import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RETRIBUSI_CONSUMERS, RETRIBUSI_SUBJECTS as S } from '@gerbang/contracts';
import {
  eventually,
  HOURLY_FROM_RAW,
  HOURLY_STORED,
  ingestKey,
  RetribusiHarness,
  SUMMARY_FROM_RAW,
  SUMMARY_STORED,
  userPrincipal,
} from './retribusi-harness.js';

const admin = userPrincipal('admin');
const ZONE = 'Asia/Jakarta';
/** Redeliveries after a crash come within seconds rather than the production 30. */
const FAST_REDELIVERY = { AGGREGATOR_ACK_WAIT_SECONDS: '2' };

describe('retribusi durability: demo data, outbox after a crash, exact summaries after a kill mid-stream', () => {
  let app: RetribusiHarness;

  beforeAll(async () => {
    // The relay starts disabled: what is stored stays committed but unpublished, as if the process died right after the commit.
    app = await RetribusiHarness.start({ DEMO_DATA: '1', OUTBOX_RELAY_ENABLED: '0', ...FAST_REDELIVERY });
  });

  afterAll(async () => {
    await app?.stop();
  });

  const kill = async () => {
    const child = app.fleet.process('retribusi-ingest')?.child;
    if (!child) throw new Error('retribusi-ingest is not running');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  // A mark delay that sequential requests fit in even on a loaded machine (see the handover test).
  const restart = () => app.fleet.startApp('retribusi-ingest', { OUTBOX_RELAY_ENABLED: '1', OUTBOX_MARK_DELAY_MS: '1500', ...FAST_REDELIVERY });
  const count = async (sql: string) => Number((await app.sql<{ count: number }>(sql))[0]?.count);
  const caughtUp = () =>
    eventually(
      async () => {
        const unpublished = await count('SELECT count(*)::int AS count FROM retribusi.outbox_messages WHERE published_at IS NULL');
        // At most as many as stored: a double count ends the wait too, and the comparison after it fails.
        const uncounted = await count(
          'SELECT ((SELECT count(*) FROM retribusi.entry_events) - (SELECT coalesce(sum(total_count), 0) FROM retribusi.daily_summaries))::int AS count',
        );
        return unpublished === 0 && uncounted <= 0 ? true : undefined;
      },
      40_000,
      'outbox published and every event aggregated',
    );

  /** The Nats-Msg-Id of each outbox message the demo data was seeded with. */
  const demoMessageIds = new Set<string>();

  it('seeds demo locations, gates, tariffs and thirty days of events with their summaries, and puts every event in the outbox once', async () => {
    await expect(count('SELECT count(*)::int AS count FROM retribusi.locations')).resolves.toBe(3);
    await expect(count('SELECT count(*)::int AS count FROM retribusi.gates')).resolves.toBe(4);
    await expect(count('SELECT count(*)::int AS count FROM retribusi.tariffs')).resolves.toBe(12);
    await expect(count('SELECT count(DISTINCT (event_time AT TIME ZONE $$Asia/Jakarta$$)::date)::int AS count FROM retribusi.entry_events')).resolves.toBe(30);
    await expect(app.sql(SUMMARY_STORED)).resolves.toEqual(await app.sql(SUMMARY_FROM_RAW, [ZONE]));

    // Realtime learns of them as of ingested ones: through the outbox (unpublished here, the relay is off).
    const events = await count('SELECT count(*)::int AS count FROM retribusi.entry_events');
    const messages = await app.sql<{ msg_id: string; entries: number; first: string }>(
      `SELECT headers->>'Nats-Msg-Id' AS msg_id, json_array_length(payload->'entries') AS entries, payload->'entries'->0->>'entryId' AS first
         FROM retribusi.outbox_messages WHERE published_at IS NULL ORDER BY id`,
    );
    expect(messages).toHaveLength(Math.ceil(events / 500));
    expect(messages.every((message) => message.msg_id === `retribusi-entries-${message.first}`)).toBe(true);
    expect(messages.reduce((sum, message) => sum + message.entries, 0)).toBe(events);
    await expect(
      count(`SELECT count(DISTINCT (entry->>'entryId'))::int AS count FROM retribusi.outbox_messages, json_array_elements(payload->'entries') entry`),
    ).resolves.toBe(events);
    for (const message of messages) demoMessageIds.add(message.msg_id);
  });

  it('publishes events committed before a crash once the app is back (nothing lost between commit and publish)', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (let index = 0; index < 5; index += 1) {
      const reply = await app.ok(S.ingestSubmit, ingestKey, {
        body: { timestamp: now - index, location_code: 'kerkof_01', gate_code: 'gate01', category: 'car', event_id: `crash-${index}` },
      });
      expect(reply.data).toEqual({ stored: true });
    }
    await expect(count('SELECT count(*)::int AS count FROM retribusi.outbox_messages WHERE published_at IS NULL')).resolves.toBe(5 + demoMessageIds.size);
    await expect(app.streamMessages()).resolves.toEqual([]);

    const demoEvents = await count('SELECT count(*)::int AS count FROM retribusi.entry_events');
    await kill();
    await restart();
    await caughtUp();

    const ids = await app.sql<{ id: string }>("SELECT id::text FROM retribusi.entry_events WHERE event_key LIKE 'id:crash-%' ORDER BY id");
    // Each ingest above was its own commit, so its own message.
    const published = (await app.streamMessages()).map((message) => message.msgId);
    expect(published.filter((msgId) => !demoMessageIds.has(msgId)).sort()).toEqual(ids.map((row) => `retribusi-entries-${row.id}`).sort());
    expect(published).toEqual(expect.arrayContaining([...demoMessageIds]));
    // The demo messages reached the aggregator too, and added nothing: the recompute at seeding counted their entries.
    await app.consumerIdle(RETRIBUSI_CONSUMERS.aggregator);
    // Seeding is idempotent: the restart added nothing.
    await expect(count('SELECT count(*)::int AS count FROM retribusi.locations')).resolves.toBe(3);
    await expect(count('SELECT count(*)::int AS count FROM retribusi.entry_events')).resolves.toBe(demoEvents);
    await expect(app.sql(SUMMARY_STORED)).resolves.toEqual(await app.sql(SUMMARY_FROM_RAW, [ZONE]));
  });

  it('publishes a committed row at once, and the poll publishes one that a handover left behind', async () => {
    // The app restarted above runs its relay. The handover: the row is published and marked without waiting for the poll's grace period (10 s).
    const reply = await app.ok(S.ingestSubmit, ingestKey, {
      body: { timestamp: Math.floor(Date.now() / 1000), location_code: 'kerkof_01', gate_code: 'gate02', category: 'motor', event_id: 'handover-1' },
    });
    expect(reply.data).toEqual({ stored: true });
    const [stored] = await app.sql<{ id: string }>("SELECT id::text FROM retribusi.entry_events WHERE event_key = 'id:handover-1'");
    await eventually(
      async () => ((await count('SELECT count(*)::int AS count FROM retribusi.outbox_messages WHERE published_at IS NULL')) === 0 ? true : undefined),
      5_000,
      'the handed-over row marked published',
    );
    expect((await app.streamMessages()).map((message) => message.msgId)).toContain(`retribusi-entries-${stored?.id}`);

    // Commits that follow each other closely are marked together: one UPDATE (one published_at) for all.
    for (const eventId of ['handover-2', 'handover-3', 'handover-4']) {
      await app.ok(S.ingestSubmit, ingestKey, {
        body: { timestamp: Math.floor(Date.now() / 1000), location_code: 'kerkof_01', gate_code: 'gate02', category: 'car', event_id: eventId },
      });
    }
    const marked = () =>
      app.sql<{ published_at: string | null }>(
        `SELECT o.published_at::text FROM retribusi.outbox_messages o
          WHERE EXISTS (SELECT 1 FROM retribusi.entry_events e WHERE e.event_key IN ('id:handover-2', 'id:handover-3', 'id:handover-4')
                           AND (o.payload::jsonb)->'entries' @> jsonb_build_array(jsonb_build_object('entryId', e.id)))`,
      );
    await eventually(async () => ((await marked()).every((row) => row.published_at !== null) ? true : undefined), 5_000, 'the three rows marked');
    const rows = await marked();
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((row) => row.published_at)).size).toBe(1);

    // A row whose handover never happened (its process died after the commit) and that is
    // older than the grace period: the running relay's poll publishes it.
    await app.sql(
      `INSERT INTO retribusi.outbox_messages (subject, message_id, payload, headers, created_at)
       VALUES ($1, gen_random_uuid(), '{"entries": []}', '{"Nats-Msg-Id": "left-behind-1"}', now() - interval '1 minute')`,
      [S.entriesCreated],
    );
    await caughtUp();
    expect((await app.streamMessages()).map((message) => message.msgId)).toContain('left-behind-1');
  });

  it('leaves every summary exact after a kill in the middle of a stream of events', async () => {
    const now = Math.floor(Date.now() / 1000);
    const gates = [
      ['kerkof_01', 'gate01'],
      ['kerkof_01', 'gate02'],
      ['pasar_01', 'gate01'],
    ] as const;
    const categories = ['person_walk', 'motor', 'car'] as const;
    const total = 1200;
    const events = Array.from({ length: total }, (_, index) => {
      const [location, gate] = gates[index % gates.length] as readonly [string, string];
      // Spread over three days, so several days' and hours' totals move at once.
      return {
        timestamp: now - (index % 3) * 86_400 - index,
        location_code: location,
        gate_code: gate,
        category: categories[index % 3],
        event_id: `stream-${index}`,
      };
    });
    const failed: typeof events = [];
    let next = 0;
    const send = async (list: typeof events, onFailure: (event: (typeof events)[number]) => void) => {
      for (let position = next++; position < list.length; position = next++) {
        const event = list[position] as (typeof events)[number];
        const outcome = await app.request(S.ingestSubmit, ingestKey, { body: event }, 3_000);
        if (!outcome.ok) onFailure(event);
      }
    };
    const load = Promise.all(Array.from({ length: 16 }, () => send(events, (event) => failed.push(event))));
    await eventually(
      async () => ((await count("SELECT count(*)::int AS count FROM retribusi.entry_events WHERE event_key LIKE 'id:stream-%'")) >= 300 ? true : undefined),
      30_000,
    );
    await kill();
    await load;
    expect(failed.length).toBeGreaterThan(0);

    await restart();
    // A gate whose request failed sends it again; repeats of events that were in fact stored count once.
    next = 0;
    const stillFailing: typeof events = [];
    await Promise.all(Array.from({ length: 16 }, () => send(failed, (event) => stillFailing.push(event))));
    expect(stillFailing).toEqual([]);
    await caughtUp();

    await expect(count("SELECT count(*)::int AS count FROM retribusi.entry_events WHERE event_key LIKE 'id:stream-%'")).resolves.toBe(total);
    await expect(app.sql(SUMMARY_STORED)).resolves.toEqual(await app.sql(SUMMARY_FROM_RAW, [ZONE]));
    await expect(app.sql(HOURLY_STORED)).resolves.toEqual(await app.sql(HOURLY_FROM_RAW, [ZONE]));

    // JetStream kept each event once, whatever the relay republished around the kill.
    const messages = await app.streamMessages();
    expect(new Set(messages.map((message) => message.msgId)).size).toBe(messages.length);
    await expect(count('SELECT count(*)::int AS count FROM retribusi.outbox_messages')).resolves.toBe(messages.length);

    // The incremental totals are what a recompute from the raw events gives.
    const incremental = await app.sql(SUMMARY_STORED);
    const days = await app.sql<{ day: string }>(`SELECT DISTINCT summary_date::text AS day FROM retribusi.daily_summaries ORDER BY 1 DESC LIMIT 3`);
    for (const { day } of days) await app.ok(S.dailySummaryRecompute, admin, { body: { date: day } });
    await expect(app.sql(SUMMARY_STORED)).resolves.toEqual(incremental);
  }, 180_000);
});
