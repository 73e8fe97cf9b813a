import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An entry event without a client id (no event_id, no Idempotency-Key) stores no key:
 * before, it got a random generated one, and every ingest paid for a random insert into the
 * unique index and an ON CONFLICT check that could never fire (about half of PostgreSQL's
 * work per event in bench:ingest). The unique index now holds client keys only.
 * Rows stored before keep their generated key: rewriting the table is not worth a lock on it.
 */
export class OptionalEventKey1732700000000 implements MigrationInterface {
  name = 'OptionalEventKey1732700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "retribusi"."entry_events" ALTER COLUMN "event_key" DROP NOT NULL`);
    await queryRunner.query(`DROP INDEX "retribusi"."entry_events_event_key"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "entry_events_event_key" ON "retribusi"."entry_events" ("location_code", "gate_code", "event_key") WHERE "event_key" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "retribusi"."entry_events" SET "event_key" = 'gen:' || "id" WHERE "event_key" IS NULL`);
    await queryRunner.query(`ALTER TABLE "retribusi"."entry_events" ALTER COLUMN "event_key" SET NOT NULL`);
    await queryRunner.query(`DROP INDEX "retribusi"."entry_events_event_key"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "entry_events_event_key" ON "retribusi"."entry_events" ("location_code", "gate_code", "event_key")`);
  }
}
