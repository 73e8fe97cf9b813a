import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { advisoryLockKey } from '@gerbang/database';
import { LOGGER } from '@gerbang/runtime';
import { addDays, isEnabled, SqlPool, zonedParts } from '@gerbang/retribusi';
import type { Logger } from 'pino';
import { AGGREGATES_LOCK, RECOMPUTE_DAY } from '../aggregation/summary-sql.js';
import { RETRIBUSI_CONFIG, type RetribusiConfig } from '../config/retribusi.config.js';
import { OUTBOX_ROW_OF_ENTRIES } from '../ingest/entry-event.store.js';
import { OutboxRelay, type OutboxMessage } from '../outbox/outbox-relay.js';
import { DEMO_DAYS, DEMO_LOCATIONS, demoEvents } from './demo-data.js';

const SEED_LOCK: [number, number] = [advisoryLockKey('retribusi'), 2];
/** Entries per outbox message: about 100 KiB, far below NATS's max_payload. */
const DEMO_ENTRIES_PER_MESSAGE = 500;

/**
 * The demo entries and their outbox messages in one statement, DEMO_ENTRIES_PER_MESSAGE
 * entries each in id order. $1..$5 entry columns, $6 entries per message.
 */
const INSERT_DEMO_EVENTS = `WITH seeded AS (
  INSERT INTO "retribusi"."entry_events" ("location_code", "gate_code", "category", "event_time", "price", "source_ip", "event_key")
  SELECT t.l, t.g, t.c, to_timestamp(t.s), t.p, NULL, NULL
    FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::bigint[], $5::integer[]) AS t(l, g, c, s, p)
  RETURNING *
)
INSERT INTO "retribusi"."outbox_messages" ("subject", "message_id", "payload", "headers")
SELECT ${OUTBOX_ROW_OF_ENTRIES}
  FROM (SELECT s.*, (row_number() OVER (ORDER BY s."id") - 1) / $6::int AS "chunk" FROM seeded s) i
 GROUP BY i."chunk" ORDER BY i."chunk"
RETURNING "id"::text AS id, "subject", "payload"::text AS payload, "headers"->>'Nats-Msg-Id' AS "msgId"`;

/**
 * DEMO_DATA=1: on an empty database, seeds locations, gates, tariffs and thirty days of
 * events with their summaries, in one transaction under a lock (replicas booting together
 * seed once; a database with any location is left alone). The events also go through the
 * outbox, as ingested ones do, so realtime's history, snapshot and stream show them too;
 * the summaries count them once, as the recompute marked them aggregated before their
 * messages reach the aggregator.
 */
@Injectable()
export class DemoDataSeeder implements OnApplicationBootstrap {
  constructor(
    private readonly sql: SqlPool,
    private readonly relay: OutboxRelay,
    @Inject(RETRIBUSI_CONFIG) private readonly config: RetribusiConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!isEnabled(this.config.DEMO_DATA)) return;
    const zone = this.config.BUSINESS_TIMEZONE;
    const seeded = await this.sql.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', SEED_LOCK);
      const existing = await client.query<{ present: boolean }>('SELECT EXISTS (SELECT 1 FROM "retribusi"."locations") AS present');
      if (existing.rows[0]?.present) return null;

      const gates = DEMO_LOCATIONS.flatMap((location) => location.gates.map((gate) => ({ location, gate })));
      await client.query(`INSERT INTO "retribusi"."locations" ("code", "name", "type") SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[])`, [
        DEMO_LOCATIONS.map((location) => location.code),
        DEMO_LOCATIONS.map((location) => location.name),
        DEMO_LOCATIONS.map((location) => location.type),
      ]);
      await client.query(
        `INSERT INTO "retribusi"."gates" ("location_code", "gate_code", "name", "direction", "camera")
         SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[])`,
        [
          gates.map(({ location }) => location.code),
          gates.map(({ gate }) => gate.code),
          gates.map(({ gate }) => gate.name),
          gates.map(({ gate }) => gate.direction),
          gates.map(({ gate }) => gate.camera),
        ],
      );
      const tariffs = gates.flatMap(({ location, gate }) => Object.entries(gate.prices).map(([category, price]) => ({ location, gate, category, price })));
      await client.query(
        `INSERT INTO "retribusi"."tariffs" ("location_code", "gate_code", "category", "price")
         SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::integer[])`,
        [tariffs.map((row) => row.location.code), tariffs.map((row) => row.gate.code), tariffs.map((row) => row.category), tariffs.map((row) => row.price)],
      );

      const now = Math.floor(Date.now() / 1000);
      const today = zonedParts(now, zone).date;
      const events = demoEvents(today, zone, now);
      const outbox = await client.query<OutboxMessage>(INSERT_DEMO_EVENTS, [
        events.map((event) => event.locationCode),
        events.map((event) => event.gateCode),
        events.map((event) => event.category),
        events.map((event) => event.eventTime),
        events.map((event) => event.price),
        DEMO_ENTRIES_PER_MESSAGE,
      ]);
      await client.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', AGGREGATES_LOCK);
      for (let day = DEMO_DAYS - 1; day >= 0; day -= 1) await client.query(RECOMPUTE_DAY, [addDays(today, -day), zone]);
      return { events: events.length, messages: outbox.rows };
    });
    if (seeded === null) return;
    // Committed: handed to the relay at once, as an ingest commit is (its poll would find them too).
    for (const message of seeded.messages) this.relay.publishCommitted(message);
    this.logger.info({ events: seeded.events, days: DEMO_DAYS, messages: seeded.messages.length }, 'demo data seeded');
  }
}
