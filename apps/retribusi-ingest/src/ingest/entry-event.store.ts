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
  /** Idempotency key; undefined stores none (the event is then never a repeat). */
  eventKey: string | undefined;
  /** The gate's address (x-client-ip). */
  sourceIp: string | null;
}

/**
 * The outbox columns (subject, message_id, payload, headers) of one message carrying the
 * entries of a group, as aggregates over entry rows aliased `i`: the payload is
 * `RetribusiEntriesCreatedV1` (entries in id order), and `Nats-Msg-Id` comes from the first
 * entry id, which no other message holds.
 */
export const OUTBOX_ROW_OF_ENTRIES = `'${RETRIBUSI_SUBJECTS.entriesCreated}', gen_random_uuid(),
         json_build_object('entries', json_agg(json_build_object(
           'entryId', i."id", 'locationCode', i."location_code", 'gateCode', i."gate_code", 'category', i."category",
           'eventTime', extract(epoch FROM i."event_time")::bigint, 'price', i."price", 'sourceIp', i."source_ip",
           'createdAt', to_char(i."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY i."id")),
         jsonb_build_object('Nats-Msg-Id', 'retribusi-entries-' || min(i."id"))`;

/**
 * The new events and, in the same statement and so the same transaction, one outbox row
 * holding every event that was new (a repeated key inserts nothing; nothing new, no row;
 * an event without a key is never a repeat, and costs no unique-index entry):
 * one JetStream message per commit, not per event. `Nats-Msg-Id` (from the first entry id,
 * which no other batch holds) lets JetStream drop a republish inside its duplicate window.
 * The keyed events that were new come back, to tell them from repeats, and the outbox row as
 * one extra result row (entry columns null). The payload is built as json, not jsonb: jsonb
 * cost PostgreSQL about 20 µs per entry, four times json, and the relay only needs the text.
 */
const INSERT_EVENTS = {
  name: 'retribusi_ingest_events',
  text: `WITH inserted AS (
  INSERT INTO "retribusi"."entry_events" ("location_code", "gate_code", "category", "event_time", "price", "source_ip", "event_key")
  SELECT t."location_code", t."gate_code", t."category", to_timestamp(t."event_unix"), t."price", t."source_ip", t."event_key"
    FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::bigint[], $5::integer[], $6::varchar[], $7::varchar[])
         AS t("location_code", "gate_code", "category", "event_unix", "price", "source_ip", "event_key")
  ON CONFLICT ("location_code", "gate_code", "event_key") WHERE "event_key" IS NOT NULL DO NOTHING
  RETURNING "id", "location_code", "gate_code", "category", "event_time", "price", "source_ip", "event_key", "created_at"
), outbox AS (
  INSERT INTO "retribusi"."outbox_messages" ("subject", "message_id", "payload", "headers")
  SELECT ${OUTBOX_ROW_OF_ENTRIES}
    FROM inserted i
  HAVING count(*) > 0
  RETURNING "id", "payload", "headers", "message_id"
)
SELECT "location_code", "gate_code", "event_key", NULL::text AS outbox_id, NULL::text AS payload, NULL::text AS msg_id FROM inserted WHERE "event_key" IS NOT NULL
UNION ALL
SELECT NULL, NULL, NULL, "id"::text, "payload"::text, "headers"->>'Nats-Msg-Id' FROM outbox`,
};

/**
 * Outcome per event, in input order: stored now; a repeat of the stored event with its key
 * (same category and time); or a conflict, its key already naming a different event.
 */
export type StoreOutcome = 'stored' | 'repeat' | 'conflict';

/** What a key must name again for a later event to be its repeat (the price follows the tariff, so it is not compared). */
export type EventIdentity = Pick<NewEntryEvent, 'category' | 'eventTime'>;

function sameEvent(first: EventIdentity, second: EventIdentity): boolean {
  return first.category === second.category && first.eventTime === second.eventTime;
}

/** The stored events behind keys that were not new; read only when a batch had such repeats. */
const STORED_BY_KEY = {
  name: 'retribusi_events_by_key',
  text: `SELECT "location_code", "gate_code", "event_key", "category", extract(epoch FROM "event_time")::bigint::text AS event_unix
           FROM "retribusi"."entry_events"
          WHERE ("location_code", "gate_code", "event_key") IN (SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[]))
            AND "event_key" IS NOT NULL`,
};

interface InsertedRow {
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

  /**
   * Stores the events in one statement and answers an outcome per event, in input order. An
   * event whose gate and key an earlier one of the call holds is not written: it shares that
   * event's outcome (a repeat of it), or conflicts when it names another event.
   */
  async insertMany(events: NewEntryEvent[]): Promise<StoreOutcome[]> {
    if (events.length === 0) return [];
    const firstOfKey = new Map<string, number>();
    const firstOf = events.map((event, index) => {
      if (event.eventKey === undefined) return undefined;
      const key = gateKey(event.locationCode, event.gateCode, event.eventKey);
      const first = firstOfKey.get(key);
      if (first === undefined) firstOfKey.set(key, index);
      return first;
    });
    const unique = events.filter((_, index) => firstOf[index] === undefined);
    const written = await this.insertDistinct(unique);
    const outcomes = new Array<StoreOutcome>(events.length);
    let position = 0;
    events.forEach((event, index) => {
      const first = firstOf[index];
      if (first === undefined) outcomes[index] = written[position++] as StoreOutcome;
      else if (!sameEvent(events[first] as NewEntryEvent, event)) outcomes[index] = 'conflict';
      else outcomes[index] = outcomes[first] === 'stored' ? 'repeat' : (outcomes[first] as StoreOutcome);
    });
    return outcomes;
  }

  /** insertMany for events whose keys are distinct per gate. */
  private async insertDistinct(events: NewEntryEvent[]): Promise<StoreOutcome[]> {
    const result = await this.sql.query<InsertedRow>({
      ...INSERT_EVENTS,
      values: [
        events.map((event) => event.locationCode),
        events.map((event) => event.gateCode),
        events.map((event) => event.category),
        events.map((event) => event.eventTime),
        events.map((event) => event.price),
        events.map((event) => event.sourceIp),
        events.map((event) => event.eventKey ?? null),
      ],
    });
    // (gate, key) is unique, so each returned row maps back to exactly one keyed input event.
    const stored = new Set<string>();
    for (const row of result.rows) {
      // The one row of the outbox CTE (none when every event was a repeat).
      if (row.outbox_id !== null)
        this.relay.publishCommitted({ id: row.outbox_id, subject: RETRIBUSI_SUBJECTS.entriesCreated, payload: row.payload, msgId: row.msg_id });
      else stored.add(gateKey(row.location_code, row.gate_code, row.event_key));
    }
    const notNew = events.filter((event) => event.eventKey !== undefined && !stored.has(gateKey(event.locationCode, event.gateCode, event.eventKey)));
    const earlier = notNew.length === 0 ? new Map<string, EventIdentity>() : await this.storedByKey(notNew);
    return events.map((event) => {
      if (event.eventKey === undefined) return 'stored';
      const key = gateKey(event.locationCode, event.gateCode, event.eventKey);
      if (stored.has(key)) return 'stored';
      const original = earlier.get(key);
      // A row gone since the INSERT met it (a rollback of another writer) leaves nothing to compare: a repeat, as before.
      return original === undefined || sameEvent(original, event) ? 'repeat' : 'conflict';
    });
  }

  private async storedByKey(events: NewEntryEvent[]): Promise<Map<string, EventIdentity>> {
    const { rows } = await this.sql.query<{ location_code: string; gate_code: string; event_key: string; category: string; event_unix: string }>({
      ...STORED_BY_KEY,
      values: [events.map((event) => event.locationCode), events.map((event) => event.gateCode), events.map((event) => event.eventKey)],
    });
    return new Map(
      rows.map((row) => [gateKey(row.location_code, row.gate_code, row.event_key), { category: row.category, eventTime: Number(row.event_unix) }]),
    );
  }
}

function gateKey(locationCode: string, gateCode: string, eventKey: string): string {
  return `${locationCode}\u0000${gateCode}\u0000${eventKey}`;
}
