import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { RETRIBUSI_SUBJECTS } from '@gerbang/contracts';
import { SqlPool } from '@gerbang/retribusi';
import { OutboxRelay } from '../outbox/outbox-relay.js';

export interface NewEntryEvent {
  locationCode: string;
  gateCode: string;
  category: string;
  /** Unix seconds. */
  eventTime: number;
  price: number;
  /** Idempotency key; undefined gets a generated one (the event is then never a repeat). */
  eventKey: string | undefined;
  /** The gate's address (x-client-ip). */
  sourceIp: string | null;
}

/**
 * The new events and, in the same statement and so the same transaction, one outbox row
 * holding every event that was new (a repeated key inserts nothing; nothing new, no row):
 * one JetStream message per commit, not per event. `Nats-Msg-Id` (from the first entry id,
 * which no other batch holds) lets JetStream drop a republish inside its duplicate window.
 * The outbox row comes back as one extra result row (entry columns null).
 */
const INSERT_EVENTS = {
  name: 'retribusi_ingest_events',
  text: `WITH inserted AS (
  INSERT INTO "retribusi"."entry_events" ("location_code", "gate_code", "category", "event_time", "price", "source_ip", "event_key")
  SELECT t."location_code", t."gate_code", t."category", to_timestamp(t."event_unix"), t."price", t."source_ip", t."event_key"
    FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::bigint[], $5::integer[], $6::varchar[], $7::varchar[])
         AS t("location_code", "gate_code", "category", "event_unix", "price", "source_ip", "event_key")
  ON CONFLICT ("location_code", "gate_code", "event_key") DO NOTHING
  RETURNING "id", "location_code", "gate_code", "category", "event_time", "price", "source_ip", "event_key", "created_at"
), outbox AS (
  INSERT INTO "retribusi"."outbox_messages" ("subject", "message_id", "payload", "headers")
  SELECT '${RETRIBUSI_SUBJECTS.entriesCreated}', gen_random_uuid(),
         jsonb_build_object('entries', jsonb_agg(jsonb_build_object(
           'entryId', i."id", 'locationCode', i."location_code", 'gateCode', i."gate_code", 'category', i."category",
           'eventTime', extract(epoch FROM i."event_time")::bigint, 'price', i."price", 'sourceIp', i."source_ip",
           'createdAt', to_char(i."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY i."id")),
         jsonb_build_object('Nats-Msg-Id', 'retribusi-entries-' || min(i."id"))
    FROM inserted i
  HAVING count(*) > 0
  RETURNING "id", "payload", "headers", "message_id"
)
SELECT "id"::text AS id, "location_code", "gate_code", "event_key", NULL::text AS outbox_id, NULL::text AS payload, NULL::text AS msg_id FROM inserted
UNION ALL
SELECT NULL, NULL, NULL, NULL, "id"::text, "payload"::text, "headers"->>'Nats-Msg-Id' FROM outbox`,
};

/** Outcome per event, in input order: the new row's id, or null for a repeat of a stored event. */
export type StoreOutcome = number | null;

interface InsertedRow {
  id: string | null;
  location_code: string;
  gate_code: string;
  event_key: string;
  outbox_id: string | null;
  payload: string;
  msg_id: string;
}

/**
 * Writes entry events with their outbox row in one statement (one round trip, one
 * transaction): when it returns, both are committed, and the outbox row, which comes back
 * with the outcomes, is handed to the relay to publish at once. The statement is prepared
 * once per connection.
 */
@Injectable()
export class EntryEventStore {
  constructor(
    private readonly sql: SqlPool,
    private readonly relay: OutboxRelay,
  ) {}

  /** Keys must be distinct per gate within one call (the caller drops in-batch repeats first). */
  async insertMany(events: NewEntryEvent[]): Promise<StoreOutcome[]> {
    if (events.length === 0) return [];
    const keys = events.map((event) => event.eventKey ?? generatedKey());
    const result = await this.sql.query<InsertedRow>({
      ...INSERT_EVENTS,
      values: [
        events.map((event) => event.locationCode),
        events.map((event) => event.gateCode),
        events.map((event) => event.category),
        events.map((event) => event.eventTime),
        events.map((event) => event.price),
        events.map((event) => event.sourceIp),
        keys,
      ],
    });
    // (gate, key) is unique, so each returned row maps back to exactly one input event.
    const stored = new Map<string, number>();
    for (const row of result.rows) {
      // The one row of the outbox CTE (none when every event was a repeat).
      if (row.outbox_id !== null)
        this.relay.publishCommitted({ id: row.outbox_id, subject: RETRIBUSI_SUBJECTS.entriesCreated, payload: row.payload, msgId: row.msg_id });
      else stored.set(gateKey(row.location_code, row.gate_code, row.event_key), Number(row.id));
    }
    return events.map((event, index) => stored.get(gateKey(event.locationCode, event.gateCode, keys[index] as string)) ?? null);
  }
}

function generatedKey(): string {
  return `gen:${randomUUID()}`;
}

function gateKey(locationCode: string, gateCode: string, eventKey: string): string {
  return `${locationCode}\u0000${gateCode}\u0000${eventKey}`;
}
