import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * crm master and reference data, and the audit trail of every write. Names and initials are
 * unique case-insensitively. References between master data are foreign keys without
 * cascade, so a referenced record cannot be deleted even if a check is ever missed.
 */
export class MasterDataSchema1732610000000 implements MigrationInterface {
  name = 'MasterDataSchema1732610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const stamps = `"created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "created_by" varchar(200) NULL,
        "updated_by" varchar(200) NULL`;
    const statements = [
      `CREATE TABLE "crm"."customers" (
        "id" uuid PRIMARY KEY,
        "company_name" varchar(200) NOT NULL,
        "company_phone" varchar(50) NULL,
        "company_mail" varchar(254) NULL,
        "company_address" varchar(500) NULL,
        "company_npwp" char(16) NULL CHECK ("company_npwp" ~ '^[0-9]{16}$'),
        "initial" varchar(50) NOT NULL,
        ${stamps}
      )`,
      `CREATE UNIQUE INDEX "customers_company_name" ON "crm"."customers" (lower("company_name"))`,
      `CREATE UNIQUE INDEX "customers_initial" ON "crm"."customers" (lower("initial"))`,
      `CREATE TABLE "crm"."partners" (
        "id" uuid PRIMARY KEY,
        "company_group" varchar(20) NOT NULL CHECK ("company_group" IN ('supplier', 'trader', 'transporter', 'cbf', 'isp')),
        "company_name" varchar(200) NOT NULL,
        "company_phone" varchar(50) NULL,
        "company_mail" varchar(254) NULL,
        "company_npwp" char(16) NULL CHECK ("company_npwp" ~ '^[0-9]{16}$'),
        "business_license" varchar(100) NULL,
        "initial" varchar(8) NOT NULL CHECK ("initial" ~ '^[A-Za-z0-9-]{1,8}$'),
        ${stamps},
        CHECK ("company_group" NOT IN ('supplier', 'trader') OR "business_license" IS NOT NULL)
      )`,
      `CREATE UNIQUE INDEX "partners_company_name" ON "crm"."partners" (lower("company_name"))`,
      `CREATE INDEX "partners_company_group" ON "crm"."partners" ("company_group")`,
      `CREATE TABLE "crm"."locations" (
        "id" uuid PRIMARY KEY,
        "name" varchar(200) NOT NULL,
        "type" varchar(20) NOT NULL CHECK ("type" IN ('loadingPoint', 'anchorage', 'unloadingPoint', 'cbfPoint', 'ispPoint')),
        "area" varchar(10) NULL CHECK ("area" IN ('area1', 'area2', 'area3', 'area4')),
        "latitude" double precision NOT NULL,
        "longitude" double precision NOT NULL,
        "timezone" varchar(40) NOT NULL CHECK ("timezone" IN ('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura')),
        ${stamps},
        CHECK ("type" NOT IN ('unloadingPoint', 'ispPoint') OR "area" IS NULL)
      )`,
      `CREATE UNIQUE INDEX "locations_name" ON "crm"."locations" (lower("name"))`,
      `CREATE TABLE "crm"."power_plants" (
        "id" uuid PRIMARY KEY,
        "name" varchar(200) NOT NULL,
        "owner_id" uuid NOT NULL REFERENCES "crm"."customers" ("id") ON DELETE RESTRICT,
        "owner_group" varchar(20) NOT NULL CHECK ("owner_group" IN ('plnGroup', 'ipp', 'nonElectrical')),
        "area" varchar(10) NULL CHECK ("area" IN ('area1', 'area2', 'area3', 'area4')),
        "latitude" double precision NOT NULL,
        "longitude" double precision NOT NULL,
        "unloading_location_id" uuid NOT NULL REFERENCES "crm"."locations" ("id") ON DELETE RESTRICT,
        ${stamps}
      )`,
      `CREATE UNIQUE INDEX "power_plants_name" ON "crm"."power_plants" (lower("name"))`,
      `CREATE INDEX "power_plants_owner" ON "crm"."power_plants" ("owner_id")`,
      `CREATE INDEX "power_plants_unloading_location" ON "crm"."power_plants" ("unloading_location_id")`,
      `CREATE TABLE "crm"."transportation_modes" (
        "id" uuid PRIMARY KEY,
        "name" varchar(200) NOT NULL,
        "classification_mode" varchar(10) NOT NULL CHECK ("classification_mode" IN ('vessel', 'barge', 'truck')),
        "volume_max" double precision NULL CHECK ("volume_max" >= 0),
        "volume_min" double precision NULL CHECK ("volume_min" >= 0),
        ${stamps},
        CHECK ("volume_min" IS NULL OR "volume_max" IS NULL OR "volume_min" <= "volume_max")
      )`,
      `CREATE UNIQUE INDEX "transportation_modes_name" ON "crm"."transportation_modes" (lower("name"))`,
      `CREATE TABLE "crm"."vessels" (
        "id" uuid PRIMARY KEY,
        "name" varchar(200) NOT NULL,
        "initial" varchar(50) NULL,
        "port_of_register" varchar(200) NULL,
        "imo_id" char(7) NULL CHECK ("imo_id" ~ '^[0-9]{7}$'),
        "mmsi_no" char(9) NULL CHECK ("mmsi_no" ~ '^[0-9]{9}$'),
        "vessel_type" varchar(10) NOT NULL CHECK ("vessel_type" IN ('vessel', 'barge', 'tugboat')),
        "speed" double precision NULL CHECK ("speed" >= 0),
        "capacity" double precision NULL CHECK ("capacity" >= 0),
        "production_year" integer NULL,
        "pic" varchar(200) NULL,
        "pic_contact" varchar(50) NULL,
        ${stamps}
      )`,
      `CREATE UNIQUE INDEX "vessels_name" ON "crm"."vessels" (lower("name"))`,
      `CREATE UNIQUE INDEX "vessels_imo_id" ON "crm"."vessels" ("imo_id")`,
      `CREATE UNIQUE INDEX "vessels_mmsi_no" ON "crm"."vessels" ("mmsi_no")`,
      `CREATE TABLE "crm"."exchange_rate_references" (
        "id" uuid PRIMARY KEY,
        "month_period" smallint NOT NULL CHECK ("month_period" BETWEEN 1 AND 12),
        "year_period" smallint NOT NULL,
        "exchange_reference" varchar(10) NOT NULL CHECK ("exchange_reference" IN ('jisdor', 'biRate')),
        "period_average" numeric(18, 2) NULL,
        ${stamps},
        CONSTRAINT "exchange_rate_references_period" UNIQUE ("year_period", "month_period", "exchange_reference")
      )`,
      `CREATE TABLE "crm"."exchange_rate_daily_rates" (
        "id" uuid PRIMARY KEY,
        "reference_id" uuid NOT NULL REFERENCES "crm"."exchange_rate_references" ("id") ON DELETE CASCADE,
        "date" date NOT NULL,
        "exchange_rate" numeric(18, 4) NOT NULL CHECK ("exchange_rate" >= 0),
        CONSTRAINT "exchange_rate_daily_rates_date" UNIQUE ("reference_id", "date")
      )`,
      `CREATE TABLE "crm"."fuel_price_references" (
        "id" uuid PRIMARY KEY,
        "period" smallint NOT NULL CHECK ("period" IN (1, 2)),
        "month" smallint NOT NULL CHECK ("month" BETWEEN 1 AND 12),
        "year" smallint NOT NULL,
        ${stamps},
        CONSTRAINT "fuel_price_references_period" UNIQUE ("year", "month", "period")
      )`,
      `CREATE TABLE "crm"."fuel_prices" (
        "id" uuid PRIMARY KEY,
        "reference_id" uuid NOT NULL REFERENCES "crm"."fuel_price_references" ("id") ON DELETE CASCADE,
        "fuel_type" varchar(10) NOT NULL CHECK ("fuel_type" IN ('hsd', 'lsfo', 'hsfo')),
        "area1" numeric(18, 4) NOT NULL CHECK ("area1" >= 0),
        "area2" numeric(18, 4) NOT NULL CHECK ("area2" >= 0),
        "area3" numeric(18, 4) NOT NULL CHECK ("area3" >= 0),
        "area4" numeric(18, 4) NOT NULL CHECK ("area4" >= 0),
        CONSTRAINT "fuel_prices_type" UNIQUE ("reference_id", "fuel_type")
      )`,
      `CREATE TABLE "crm"."audit_logs" (
        "id" bigserial PRIMARY KEY,
        "occurred_at" timestamptz NOT NULL DEFAULT now(),
        "actor_id" varchar(64) NOT NULL,
        "actor_name" varchar(254) NOT NULL,
        "actor_role" varchar(80) NULL,
        "action" varchar(10) NOT NULL CHECK ("action" IN ('create', 'update', 'delete')),
        "entity" varchar(40) NOT NULL,
        "entity_id" uuid NOT NULL,
        "before" jsonb NULL,
        "after" jsonb NULL,
        "request_id" varchar(128) NULL,
        "client_ip" varchar(64) NULL,
        "user_agent" varchar(500) NULL
      )`,
      `CREATE INDEX "audit_logs_entity" ON "crm"."audit_logs" ("entity", "entity_id", "occurred_at")`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const tables = [
      'audit_logs',
      'fuel_prices',
      'fuel_price_references',
      'exchange_rate_daily_rates',
      'exchange_rate_references',
      'vessels',
      'transportation_modes',
      'power_plants',
      'locations',
      'partners',
      'customers',
    ];
    for (const table of tables) await queryRunner.query(`DROP TABLE IF EXISTS "crm"."${table}"`);
  }
}
