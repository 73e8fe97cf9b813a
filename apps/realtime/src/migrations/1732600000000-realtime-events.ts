import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * realtime_events: every entry once (entry_id unique), with ids that only grow; they are the
 * SSE stream's event ids. daily_totals: the snapshot's counters per business-zone day, kept
 * beside the events in the same transaction so a snapshot reads a few rows.
 */
export class RealtimeEvents1732600000000 implements MigrationInterface {
  name = 'RealtimeEvents1732600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "realtime"."realtime_events" (
      "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      "entry_id" bigint NOT NULL,
      "location_code" varchar(64) NOT NULL,
      "gate_code" varchar(64) NOT NULL,
      "category" varchar(20) NOT NULL,
      "event_time" timestamptz NOT NULL,
      "price" integer NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT clock_timestamp(),
      CONSTRAINT "realtime_events_entry_id_unique" UNIQUE ("entry_id")
    )`);
    // Replay and the list filtered by location walk this in id order.
    await queryRunner.query(`CREATE INDEX "realtime_events_location_id" ON "realtime"."realtime_events" ("location_code", "id")`);
    // start_date / end_date filter on the gate's time.
    await queryRunner.query(`CREATE INDEX "realtime_events_event_time" ON "realtime"."realtime_events" ("event_time")`);
    // Retention finds the newest event past the cutoff.
    await queryRunner.query(`CREATE INDEX "realtime_events_created_at" ON "realtime"."realtime_events" ("created_at", "id")`);
    await queryRunner.query(`CREATE TABLE "realtime"."daily_totals" (
      "day" date NOT NULL,
      "location_code" varchar(64) NOT NULL,
      "gate_code" varchar(64) NOT NULL,
      "category" varchar(20) NOT NULL,
      "total_count" bigint NOT NULL DEFAULT 0,
      "total_amount" bigint NOT NULL DEFAULT 0,
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("day", "location_code", "gate_code", "category")
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "realtime"."daily_totals"`);
    await queryRunner.query(`DROP TABLE IF EXISTS "realtime"."realtime_events"`);
  }
}
