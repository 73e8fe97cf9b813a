import { advisoryLockKey } from '@gerbang/database';

/**
 * Held (session-level) by the one replica storing a batch, from before its ids are assigned
 * until its live publishes are flushed: ids commit, and reach NATS, in id order.
 */
export const WRITER_LOCK: [number, number] = [advisoryLockKey('realtime'), 1];
/** Held by the one replica pruning at a time. */
export const PRUNE_LOCK: [number, number] = [advisoryLockKey('realtime'), 2];

/**
 * Stores one batch of entries and adds them to the day counters, in one statement, under
 * WRITER_LOCK. Entries already stored are skipped before any id is drawn (so a redelivery
 * neither stores twice nor leaves a hole in the ids); entries stored by ingest longer ago
 * than retention are skipped too (their row may already have been pruned, and must not
 * come back under a new id). Returns the stored rows in id order.
 * $1 entry ids (sorted), $2 locations, $3 gates, $4 categories, $5 Unix seconds, $6 prices,
 * $7 ingest times, $8 zone, $9 retention days. (ORDER BY names the column qualified: bare, it
 * would sort by the text alias.)
 */
export const STORE_BATCH = {
  name: 'realtime_store_batch',
  text: `WITH incoming AS (
  SELECT * FROM unnest($1::bigint[], $2::varchar[], $3::varchar[], $4::varchar[], $5::bigint[], $6::bigint[], $7::timestamptz[])
    AS t("entry_id", "location_code", "gate_code", "category", "event_unix", "price", "ingested_at")
), stored AS (
  INSERT INTO "realtime"."realtime_events" ("entry_id", "location_code", "gate_code", "category", "event_time", "price", "created_at")
  SELECT i."entry_id", i."location_code", i."gate_code", i."category", to_timestamp(i."event_unix"), i."price", clock_timestamp()
    FROM incoming i
   WHERE i."ingested_at" >= now() - make_interval(days => $9::int)
     AND NOT EXISTS (SELECT 1 FROM "realtime"."realtime_events" e WHERE e."entry_id" = i."entry_id")
   ORDER BY i."entry_id"
  ON CONFLICT ("entry_id") DO NOTHING
  RETURNING "id", "location_code", "gate_code", "category", "event_time", "price"
), totals AS (
  INSERT INTO "realtime"."daily_totals" ("day", "location_code", "gate_code", "category", "total_count", "total_amount")
  SELECT ("event_time" AT TIME ZONE $8::text)::date, "location_code", "gate_code", "category", count(*), sum("price") FROM stored
   GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("day", "location_code", "gate_code", "category") DO UPDATE
     SET "total_count" = "daily_totals"."total_count" + EXCLUDED."total_count",
         "total_amount" = "daily_totals"."total_amount" + EXCLUDED."total_amount", "updated_at" = now()
)
SELECT "id"::text AS id, "location_code", "gate_code", "category", extract(epoch FROM "event_time")::bigint::text AS event_time
  FROM stored ORDER BY stored."id"`,
};

/** The kept id range, read in the same statement (one snapshot) as the events it bounds. */
const BOUNDS = `(SELECT min("id") FROM "realtime"."realtime_events")::text AS oldest_id,
       (SELECT max("id") FROM "realtime"."realtime_events")::text AS latest_id`;
/** As JSON numbers: ids and Unix seconds stay far below 2^53. */
const REPLAY_COLUMNS = `"id", "location_code", "gate_code", "category", extract(epoch FROM "event_time")::bigint AS "event_time"`;

/** Events after $1, oldest first, at most $2, with the bounds. */
export const REPLAY_ALL = {
  name: 'realtime_replay_all',
  text: `SELECT ${BOUNDS}, COALESCE((SELECT json_agg(e ORDER BY e."id") FROM (
    SELECT ${REPLAY_COLUMNS} FROM "realtime"."realtime_events" WHERE "id" > $1::bigint ORDER BY "id" LIMIT $2::int) e), '[]'::json) AS events`,
};

/** Events of location $3 after $1, oldest first, at most $2, with the bounds. */
export const REPLAY_LOCATION = {
  name: 'realtime_replay_location',
  text: `SELECT ${BOUNDS}, COALESCE((SELECT json_agg(e ORDER BY e."id") FROM (
    SELECT ${REPLAY_COLUMNS} FROM "realtime"."realtime_events" WHERE "location_code" = $3::varchar AND "id" > $1::bigint ORDER BY "id" LIMIT $2::int) e), '[]'::json) AS events`,
};

/**
 * Deletes up to $2 of the oldest events stored more than $1 days ago. Always a prefix of the
 * ids (everything up to the newest expired id), so "oldest kept id" stays a true boundary
 * for replay; the newest event is never deleted, so the latest id never goes backwards.
 */
export const PRUNE_CHUNK = {
  name: 'realtime_prune_chunk',
  text: `WITH doomed AS (
  SELECT "id" FROM "realtime"."realtime_events"
   WHERE "id" <= (SELECT max("id") FROM "realtime"."realtime_events" WHERE "created_at" < now() - make_interval(days => $1::int))
     AND "id" < (SELECT max("id") FROM "realtime"."realtime_events")
   ORDER BY "id" LIMIT $2::int
)
DELETE FROM "realtime"."realtime_events" WHERE "id" IN (SELECT "id" FROM doomed)`,
};
