import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Identity tables of every realm: users, RBAC, signing keys, sessions, API keys, OAuth clients, codes, audit. */
export class AuthSchema1732400000000 implements MigrationInterface {
  name = 'AuthSchema1732400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE "auth"."realms" (
        "name" varchar(32) PRIMARY KEY,
        "password_policy" jsonb NOT NULL,
        "lockout_policy" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE "auth"."users" (
        "id" bigserial PRIMARY KEY,
        "realm" varchar(32) NOT NULL REFERENCES "auth"."realms" ("name"),
        "username" varchar(254) NOT NULL,
        "email" varchar(254) NULL,
        "display_name" varchar(200) NULL,
        "password_hash" text NOT NULL,
        "active" boolean NOT NULL DEFAULT true,
        "password_change_required" boolean NOT NULL DEFAULT false,
        "failed_login_count" integer NOT NULL DEFAULT 0,
        "last_failed_login_at" timestamptz NULL,
        "locked_until" timestamptz NULL,
        "last_login_at" timestamptz NULL,
        "password_changed_at" timestamptz NULL,
        "email_verified_at" timestamptz NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE UNIQUE INDEX "users_realm_username" ON "auth"."users" ("realm", lower("username"))`,
      `CREATE UNIQUE INDEX "users_realm_email" ON "auth"."users" ("realm", lower("email")) WHERE "email" IS NOT NULL`,
      `CREATE TABLE "auth"."resources" (
        "id" bigserial PRIMARY KEY,
        "realm" varchar(32) NOT NULL REFERENCES "auth"."realms" ("name"),
        "name" varchar(80) NOT NULL,
        "group_name" varchar(80) NULL,
        "description" varchar(200) NULL,
        CONSTRAINT "resources_realm_name" UNIQUE ("realm", "name")
      )`,
      `CREATE TABLE "auth"."privileges" (
        "id" bigserial PRIMARY KEY,
        "resource_id" bigint NOT NULL REFERENCES "auth"."resources" ("id") ON DELETE CASCADE,
        "name" varchar(80) NOT NULL,
        "description" varchar(200) NULL,
        CONSTRAINT "privileges_resource_name" UNIQUE ("resource_id", "name")
      )`,
      `CREATE TABLE "auth"."roles" (
        "id" bigserial PRIMARY KEY,
        "realm" varchar(32) NOT NULL REFERENCES "auth"."realms" ("name"),
        "name" varchar(80) NOT NULL,
        "formal_name" varchar(200) NULL,
        "all_privileges" boolean NOT NULL DEFAULT false,
        "priority" integer NOT NULL DEFAULT 0,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "roles_realm_name" UNIQUE ("realm", "name")
      )`,
      `CREATE TABLE "auth"."role_privileges" (
        "role_id" bigint NOT NULL REFERENCES "auth"."roles" ("id") ON DELETE CASCADE,
        "privilege_id" bigint NOT NULL REFERENCES "auth"."privileges" ("id") ON DELETE CASCADE,
        PRIMARY KEY ("role_id", "privilege_id")
      )`,
      `CREATE TABLE "auth"."role_assignments" (
        "id" bigserial PRIMARY KEY,
        "user_id" bigint NOT NULL REFERENCES "auth"."users" ("id") ON DELETE CASCADE,
        "role_id" bigint NOT NULL REFERENCES "auth"."roles" ("id") ON DELETE CASCADE,
        "starts_at" timestamptz NOT NULL DEFAULT now(),
        "ends_at" timestamptz NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "created_by" varchar(200) NULL,
        CONSTRAINT "role_assignments_window" CHECK ("ends_at" IS NULL OR "ends_at" > "starts_at")
      )`,
      `CREATE INDEX "role_assignments_user" ON "auth"."role_assignments" ("user_id")`,
      `CREATE TABLE "auth"."signing_keys" (
        "kid" varchar(40) PRIMARY KEY,
        "algorithm" varchar(10) NOT NULL,
        "public_jwk" jsonb NOT NULL,
        "private_key" text NOT NULL,
        "encryption" varchar(20) NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "activates_at" timestamptz NOT NULL,
        "retired_at" timestamptz NULL,
        "publish_until" timestamptz NULL
      )`,
      `CREATE TABLE "auth"."sessions" (
        "id" uuid PRIMARY KEY,
        "realm" varchar(32) NOT NULL,
        "user_id" bigint NOT NULL REFERENCES "auth"."users" ("id") ON DELETE CASCADE,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "revoked_at" timestamptz NULL,
        "revoke_reason" varchar(40) NULL
      )`,
      `CREATE INDEX "sessions_user" ON "auth"."sessions" ("user_id")`,
      `CREATE TABLE "auth"."refresh_tokens" (
        "id" bigserial PRIMARY KEY,
        "session_id" uuid NOT NULL REFERENCES "auth"."sessions" ("id") ON DELETE CASCADE,
        "token_hash" char(64) NOT NULL UNIQUE,
        "issued_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz NOT NULL,
        "used_at" timestamptz NULL,
        "access_token_id" uuid NOT NULL,
        "access_expires_at" timestamptz NOT NULL
      )`,
      `CREATE INDEX "refresh_tokens_session" ON "auth"."refresh_tokens" ("session_id")`,
      `CREATE INDEX "refresh_tokens_access_token" ON "auth"."refresh_tokens" ("access_token_id")`,
      `CREATE TABLE "auth"."revoked_tokens" (
        "token_id" uuid PRIMARY KEY,
        "realm" varchar(32) NOT NULL,
        "subject" varchar(200) NULL,
        "expires_at" timestamptz NOT NULL,
        "revoked_at" timestamptz NOT NULL DEFAULT now(),
        "reason" varchar(40) NOT NULL
      )`,
      `CREATE INDEX "revoked_tokens_expires" ON "auth"."revoked_tokens" ("expires_at")`,
      `CREATE TABLE "auth"."api_keys" (
        "id" bigserial PRIMARY KEY,
        "key_id" varchar(60) NOT NULL UNIQUE,
        "realm" varchar(32) NOT NULL REFERENCES "auth"."realms" ("name"),
        "name" varchar(120) NOT NULL,
        "secret_hash" char(64) NOT NULL UNIQUE,
        "scopes" text[] NOT NULL,
        "allowed_ips" text[] NOT NULL DEFAULT '{}',
        "active" boolean NOT NULL DEFAULT true,
        "seed_source" varchar(60) NULL,
        "expires_at" timestamptz NULL,
        "last_used_at" timestamptz NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "created_by" varchar(200) NULL,
        "revoked_at" timestamptz NULL
      )`,
      `CREATE INDEX "api_keys_realm" ON "auth"."api_keys" ("realm")`,
      `CREATE TABLE "auth"."oauth_clients" (
        "id" bigserial PRIMARY KEY,
        "client_id" varchar(60) NOT NULL UNIQUE,
        "realm" varchar(32) NOT NULL REFERENCES "auth"."realms" ("name"),
        "name" varchar(120) NOT NULL,
        "secret_hash" text NOT NULL,
        "scopes" text[] NOT NULL,
        "grant_types" text[] NOT NULL DEFAULT '{client_credentials}',
        "active" boolean NOT NULL DEFAULT true,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "created_by" varchar(200) NULL,
        "last_used_at" timestamptz NULL,
        "revoked_at" timestamptz NULL
      )`,
      `CREATE TABLE "auth"."client_tokens" (
        "token_id" uuid PRIMARY KEY,
        "client_id" bigint NOT NULL REFERENCES "auth"."oauth_clients" ("id") ON DELETE CASCADE,
        "issued_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz NOT NULL
      )`,
      `CREATE INDEX "client_tokens_client" ON "auth"."client_tokens" ("client_id", "expires_at")`,
      `CREATE TABLE "auth"."one_time_codes" (
        "id" uuid PRIMARY KEY,
        "realm" varchar(32) NOT NULL,
        "kind" varchar(10) NOT NULL CHECK ("kind" IN ('code', 'link')),
        "purpose" varchar(60) NOT NULL,
        "recipient" varchar(254) NULL,
        "user_id" bigint NULL REFERENCES "auth"."users" ("id") ON DELETE CASCADE,
        "code_hash" char(64) NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "attempts" integer NOT NULL DEFAULT 0,
        "max_attempts" integer NOT NULL,
        "consumed_at" timestamptz NULL,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX "one_time_codes_pending" ON "auth"."one_time_codes" ("realm", "kind", "purpose", "recipient") WHERE "consumed_at" IS NULL`,
      `CREATE UNIQUE INDEX "one_time_codes_link_hash" ON "auth"."one_time_codes" ("code_hash") WHERE "kind" = 'link'`,
      `CREATE TABLE "auth"."audit_events" (
        "id" bigserial PRIMARY KEY,
        "occurred_at" timestamptz NOT NULL DEFAULT now(),
        "realm" varchar(32) NULL,
        "type" varchar(60) NOT NULL,
        "outcome" varchar(10) NOT NULL,
        "actor" varchar(200) NULL,
        "subject" varchar(200) NULL,
        "client_ip" varchar(64) NULL,
        "user_agent" varchar(400) NULL,
        "request_id" varchar(100) NULL,
        "details" jsonb NOT NULL DEFAULT '{}'::jsonb
      )`,
      `CREATE INDEX "audit_events_realm_time" ON "auth"."audit_events" ("realm", "occurred_at" DESC)`,
      `CREATE INDEX "audit_events_type_time" ON "auth"."audit_events" ("type", "occurred_at" DESC)`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const tables = [
      'audit_events',
      'one_time_codes',
      'client_tokens',
      'oauth_clients',
      'api_keys',
      'revoked_tokens',
      'refresh_tokens',
      'sessions',
      'signing_keys',
      'role_assignments',
      'role_privileges',
      'roles',
      'privileges',
      'resources',
      'users',
      'realms',
    ];
    for (const table of tables) await queryRunner.query(`DROP TABLE IF EXISTS "auth"."${table}"`);
  }
}
