import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * retribusi's tables: master data (locations, gates, tariffs), the audit trail, raw entry
 * events, the daily and hourly summaries, and the ids of events already counted in them.
 * Entry events keep no foreign keys: history outlives a hard-deleted tariff.
 */
export class RetribusiSchema1732500000000 implements MigrationInterface {
  name = 'RetribusiSchema1732500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE "retribusi"."locations" (
        "code" varchar(64) PRIMARY KEY,
        "name" varchar(200) NOT NULL,
        "type" varchar(50) NOT NULL,
        "is_active" smallint NOT NULL DEFAULT 1 CHECK ("is_active" IN (0, 1)),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE "retribusi"."gates" (
        "location_code" varchar(64) NOT NULL REFERENCES "retribusi"."locations" ("code"),
        "gate_code" varchar(64) NOT NULL,
        "name" varchar(200) NOT NULL,
        "direction" varchar(3) NOT NULL CHECK ("direction" IN ('in', 'out')),
        "camera" varchar(2048) NULL,
        "is_active" smallint NOT NULL DEFAULT 1 CHECK ("is_active" IN (0, 1)),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("location_code", "gate_code")
      )`,
      `CREATE INDEX "gates_gate_code" ON "retribusi"."gates" ("gate_code")`,
      `CREATE TABLE "retribusi"."tariffs" (
        "location_code" varchar(64) NOT NULL,
        "gate_code" varchar(64) NOT NULL,
        "category" varchar(20) NOT NULL CHECK ("category" IN ('person_walk', 'motor', 'car')),
        "price" integer NOT NULL CHECK ("price" >= 0),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("location_code", "gate_code", "category"),
        FOREIGN KEY ("location_code", "gate_code") REFERENCES "retribusi"."gates" ("location_code", "gate_code")
      )`,
      `CREATE INDEX "tariffs_gate_code" ON "retribusi"."tariffs" ("gate_code")`,
      `CREATE TABLE "retribusi"."audit_logs" (
        "id" bigserial PRIMARY KEY,
        "actor_user_id" varchar(64) NOT NULL,
        "actor_username" varchar(200) NOT NULL,
        "actor_role" varchar(50) NULL,
        "action" varchar(10) NOT NULL CHECK ("action" IN ('create', 'update', 'delete')),
        "entity" varchar(20) NOT NULL CHECK ("entity" IN ('locations', 'gates', 'tariffs')),
        "entity_key" varchar(200) NOT NULL,
        "before_json" jsonb NULL,
        "after_json" jsonb NULL,
        "ip_address" varchar(64) NULL,
        "user_agent" varchar(500) NULL,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX "audit_logs_created_at" ON "retribusi"."audit_logs" ("created_at")`,
      `CREATE INDEX "audit_logs_entity" ON "retribusi"."audit_logs" ("entity", "created_at")`,
      `CREATE INDEX "audit_logs_entity_key" ON "retribusi"."audit_logs" ("entity_key", "created_at")`,
      `CREATE INDEX "audit_logs_action" ON "retribusi"."audit_logs" ("action", "created_at")`,
      `CREATE TABLE "retribusi"."entry_events" (
        "id" bigserial PRIMARY KEY,
        "location_code" varchar(64) NOT NULL,
        "gate_code" varchar(64) NOT NULL,
        "category" varchar(20) NOT NULL,
        "event_time" timestamptz NOT NULL,
        "price" integer NOT NULL,
        "source_ip" varchar(64) NULL,
        "event_key" varchar(200) NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`,
      // The idempotency key: a repeated event_id / Idempotency-Key from one gate is stored once.
      `CREATE UNIQUE INDEX "entry_events_event_key" ON "retribusi"."entry_events" ("location_code", "gate_code", "event_key")`,
      `CREATE INDEX "entry_events_event_time" ON "retribusi"."entry_events" ("event_time")`,
      `CREATE INDEX "entry_events_location_gate_time" ON "retribusi"."entry_events" ("location_code", "gate_code", "event_time")`,
      `CREATE INDEX "entry_events_category_time" ON "retribusi"."entry_events" ("category", "event_time")`,
      `CREATE TABLE "retribusi"."daily_summaries" (
        "summary_date" date NOT NULL,
        "location_code" varchar(64) NOT NULL,
        "gate_code" varchar(64) NOT NULL,
        "category" varchar(20) NOT NULL,
        "total_count" bigint NOT NULL DEFAULT 0,
        "total_amount" bigint NOT NULL DEFAULT 0,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("summary_date", "location_code", "gate_code", "category")
      )`,
      `CREATE TABLE "retribusi"."hourly_summaries" (
        "summary_date" date NOT NULL,
        "hour" smallint NOT NULL CHECK ("hour" BETWEEN 0 AND 23),
        "location_code" varchar(64) NOT NULL,
        "gate_code" varchar(64) NOT NULL,
        "category" varchar(20) NOT NULL,
        "total_count" bigint NOT NULL DEFAULT 0,
        "total_amount" bigint NOT NULL DEFAULT 0,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("summary_date", "location_code", "gate_code", "category", "hour")
      )`,
      // Entry ids already counted in the summaries: what makes a redelivery change nothing.
      `CREATE TABLE "retribusi"."aggregated_entries" (
        "entry_id" bigint PRIMARY KEY,
        "aggregated_at" timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX "aggregated_entries_aggregated_at" ON "retribusi"."aggregated_entries" ("aggregated_at")`,
      `CREATE INDEX "outbox_messages_published_at" ON "retribusi"."outbox_messages" ("published_at") WHERE "published_at" IS NOT NULL`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "retribusi"."outbox_messages_published_at"`);
    for (const table of ['aggregated_entries', 'hourly_summaries', 'daily_summaries', 'entry_events', 'audit_logs', 'tariffs', 'gates', 'locations']) {
      await queryRunner.query(`DROP TABLE IF EXISTS "retribusi"."${table}"`);
    }
  }
}
