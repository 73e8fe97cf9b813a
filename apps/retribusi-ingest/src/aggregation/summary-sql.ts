import { advisoryLockKey } from '@gerbang/database';

/**
 * The aggregator folds batches in under a shared lock, the recompute of a day rebuilds it
 * under the exclusive one: a recompute never interleaves with a batch, so a day is never
 * counted from raw events and from the stream both.
 */
export const AGGREGATES_LOCK: [number, number] = [advisoryLockKey('retribusi'), 1];

/** Upserts that add a batch's totals; ORDER BY keeps row-lock order the same in every transaction. */
const addTotals = (source: string) => `
daily AS (
  INSERT INTO "retribusi"."daily_summaries" ("summary_date", "location_code", "gate_code", "category", "total_count", "total_amount")
  SELECT "local_time"::date, "location_code", "gate_code", "category", count(*), sum("price") FROM ${source}
   GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("summary_date", "location_code", "gate_code", "category") DO UPDATE
     SET "total_count" = "daily_summaries"."total_count" + EXCLUDED."total_count",
         "total_amount" = "daily_summaries"."total_amount" + EXCLUDED."total_amount", "updated_at" = now()
  RETURNING 1
), hourly AS (
  INSERT INTO "retribusi"."hourly_summaries" ("summary_date", "hour", "location_code", "gate_code", "category", "total_count", "total_amount")
  SELECT "local_time"::date, extract(hour FROM "local_time")::smallint, "location_code", "gate_code", "category", count(*), sum("price") FROM ${source}
   GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 3, 4, 5, 2
  ON CONFLICT ("summary_date", "location_code", "gate_code", "category", "hour") DO UPDATE
     SET "total_count" = "hourly_summaries"."total_count" + EXCLUDED."total_count",
         "total_amount" = "hourly_summaries"."total_amount" + EXCLUDED."total_amount", "updated_at" = now()
  RETURNING 1
)`;

/**
 * One batch of entry-created events: records the messages not seen before (by their first
 * entry id, which no other message holds) and adds their entries to the daily and hourly
 * totals of their business-zone day and hour, in one statement. A redelivered or republished
 * message finds its mark and adds nothing. An entry marked in aggregated_entries is skipped
 * too: a recompute counted it from the raw events already (or it was folded before messages
 * were marked). One mark per message, that is per ingest commit, instead of one per entry:
 * under load a commit holds tens of events.
 * $1 entry ids (sorted), $2 locations, $3 gates, $4 categories, $5 Unix seconds, $6 prices,
 * $7 each entry's message key (its message's first entry id), $8 zone.
 */
export const FOLD_BATCH = {
  name: 'retribusi_aggregate_batch',
  text: `WITH incoming AS (
  SELECT * FROM unnest($1::bigint[], $2::varchar[], $3::varchar[], $4::varchar[], $5::bigint[], $6::bigint[], $7::bigint[])
    AS t("entry_id", "location_code", "gate_code", "category", "event_unix", "price", "message_key")
), fresh AS (
  INSERT INTO "retribusi"."aggregated_messages" ("first_entry_id") SELECT DISTINCT "message_key" FROM incoming ORDER BY 1
  ON CONFLICT ("first_entry_id") DO NOTHING RETURNING "first_entry_id"
), counted AS (
  SELECT i."location_code", i."gate_code", i."category", i."price", to_timestamp(i."event_unix") AT TIME ZONE $8::text AS "local_time"
    FROM incoming i JOIN fresh f ON f."first_entry_id" = i."message_key"
   WHERE NOT EXISTS (SELECT 1 FROM "retribusi"."aggregated_entries" a WHERE a."entry_id" = i."entry_id")
), ${addTotals('counted')}
SELECT (SELECT count(*) FROM counted)::int AS counted`,
};

/**
 * Rebuilds one business-zone day from the raw events in one statement (one snapshot): the
 * day's totals are replaced, and every event of the day is marked as counted in
 * aggregated_entries, so a message the stream delivers later does not add it again. Run
 * after deleting the day's rows, under AGGREGATES_LOCK.
 * $1 date, $2 zone.
 */
export const RECOMPUTE_DAY = `WITH day_events AS (
  SELECT "id", "location_code", "gate_code", "category", "price", "event_time" AT TIME ZONE $2::text AS "local_time"
    FROM "retribusi"."entry_events"
   WHERE "event_time" >= ($1::date)::timestamp AT TIME ZONE $2::text AND "event_time" < ($1::date + 1)::timestamp AT TIME ZONE $2::text
), marked AS (
  INSERT INTO "retribusi"."aggregated_entries" ("entry_id") SELECT "id" FROM day_events ORDER BY "id" ON CONFLICT ("entry_id") DO NOTHING
), ${addTotals('day_events')}
SELECT (SELECT count(*) FROM day_events)::int AS rows_processed`;
