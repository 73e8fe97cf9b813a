import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The aggregator records each JetStream message it folded (by its first entry id) instead of
 * every entry id: one row per commit of ingest rather than one per event, so the summaries'
 * bookkeeping no longer grows with every event. `aggregated_entries` stays for the entries a
 * recompute counted from the raw events, and for the entries folded before this migration
 * (their messages may still be redelivered): the aggregator skips any entry found there.
 */
export class AggregatedMessages1732900000000 implements MigrationInterface {
  name = 'AggregatedMessages1732900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "retribusi"."aggregated_messages" (
        "first_entry_id" bigint PRIMARY KEY,
        "aggregated_at" timestamptz NOT NULL DEFAULT now()
      )`,
    );
    await queryRunner.query(`CREATE INDEX "aggregated_messages_aggregated_at" ON "retribusi"."aggregated_messages" ("aggregated_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The earlier aggregator knows entry marks only. Which entries a message held is not kept,
    // so every stored entry is marked: exact when the aggregator had caught up (ingest stopped
    // first, as for any downgrade); an event still waiting in the stream would then be skipped,
    // and a recompute of its day counts it.
    await queryRunner.query(
      `INSERT INTO "retribusi"."aggregated_entries" ("entry_id") SELECT "id" FROM "retribusi"."entry_events" ORDER BY "id"
       ON CONFLICT ("entry_id") DO NOTHING`,
    );
    await queryRunner.query(`DROP TABLE "retribusi"."aggregated_messages"`);
  }
}
