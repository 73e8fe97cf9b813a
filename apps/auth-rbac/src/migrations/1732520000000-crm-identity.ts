import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * spec/crm-batubara-niaga-api.md users, roles and profiles: a user's phone, group (Enum Group)
 * and partner (a crm-masterdata partner id, checked over NATS, so no foreign key); a role's
 * group and partner, with the role name unique within its group (a role without a group
 * belongs to the realm's own staff, `internal`, so retribusi's names stay unique per realm);
 * and the role a session has made active.
 */
export class CrmIdentity1732520000000 implements MigrationInterface {
  name = 'CrmIdentity1732520000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE "auth"."users" ADD COLUMN "phone" varchar(30) NULL, ADD COLUMN "group_name" varchar(20) NULL, ADD COLUMN "partner_id" uuid NULL`,
      `ALTER TABLE "auth"."roles" ADD COLUMN "group_name" varchar(20) NULL, ADD COLUMN "partner_id" uuid NULL`,
      `ALTER TABLE "auth"."roles" DROP CONSTRAINT "roles_realm_name"`,
      `CREATE UNIQUE INDEX "roles_realm_group_name" ON "auth"."roles" ("realm", COALESCE("group_name", 'internal'), "name")`,
      `CREATE INDEX "role_assignments_role" ON "auth"."role_assignments" ("role_id")`,
      `ALTER TABLE "auth"."sessions" ADD COLUMN "active_role_id" bigint NULL REFERENCES "auth"."roles" ("id") ON DELETE SET NULL`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE "auth"."sessions" DROP COLUMN "active_role_id"`,
      `DROP INDEX "auth"."role_assignments_role"`,
      `DROP INDEX "auth"."roles_realm_group_name"`,
      `ALTER TABLE "auth"."roles" ADD CONSTRAINT "roles_realm_name" UNIQUE ("realm", "name")`,
      `ALTER TABLE "auth"."roles" DROP COLUMN "partner_id", DROP COLUMN "group_name"`,
      `ALTER TABLE "auth"."users" DROP COLUMN "partner_id", DROP COLUMN "group_name", DROP COLUMN "phone"`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }
}
