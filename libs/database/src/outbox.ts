import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox every service that emits must-not-lose events shares: the event
 * row commits with the business write, a relay publishes it to JetStream and marks it sent.
 */
export function outboxTableSql(schema: string): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS "${schema}"."outbox_messages" (
      "id" bigserial PRIMARY KEY,
      "subject" varchar(200) NOT NULL,
      "message_id" uuid NOT NULL UNIQUE,
      "payload" jsonb NOT NULL,
      "headers" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "published_at" timestamptz NULL,
      "attempts" integer NOT NULL DEFAULT 0
    )`,
    `CREATE INDEX IF NOT EXISTS "outbox_messages_unpublished" ON "${schema}"."outbox_messages" ("id") WHERE "published_at" IS NULL`,
  ];
}

/** A baseline migration for a service schema: the outbox table. */
export function baselineMigration(schema: string, name: string): new () => MigrationInterface {
  return class implements MigrationInterface {
    name = name;

    async up(queryRunner: QueryRunner): Promise<void> {
      for (const statement of outboxTableSql(schema)) await queryRunner.query(statement);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`DROP TABLE IF EXISTS "${schema}"."outbox_messages"`);
    }
  };
}
