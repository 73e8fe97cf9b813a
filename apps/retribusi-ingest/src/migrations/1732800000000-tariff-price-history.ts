import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every price a tariff has had and since when, so an event is priced with the tariff in
 * force at its own timestamp: a gate that was offline uploads its backlog after a price
 * change and still gets the old price for the old events. A trigger on `tariffs` keeps the
 * history for every writer (the service, the demo seeder, an operator's SQL): the first
 * price holds from the beginning of time, each change from its commit's transaction time;
 * deleting the tariff deletes its history. Existing tariffs start with their current price.
 */
export class TariffPriceHistory1732800000000 implements MigrationInterface {
  name = 'TariffPriceHistory1732800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "retribusi"."tariff_prices" (
        "location_code" varchar(64) NOT NULL,
        "gate_code" varchar(64) NOT NULL,
        "category" varchar(20) NOT NULL,
        "effective_from" timestamptz NOT NULL,
        "price" integer NOT NULL CHECK ("price" >= 0),
        PRIMARY KEY ("location_code", "gate_code", "category", "effective_from"),
        FOREIGN KEY ("location_code", "gate_code", "category") REFERENCES "retribusi"."tariffs" ("location_code", "gate_code", "category") ON DELETE CASCADE
      )`,
    );
    await queryRunner.query(
      `INSERT INTO "retribusi"."tariff_prices" ("location_code", "gate_code", "category", "effective_from", "price")
       SELECT "location_code", "gate_code", "category", '-infinity', "price" FROM "retribusi"."tariffs"`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "retribusi"."record_tariff_price"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'INSERT' THEN
           INSERT INTO "retribusi"."tariff_prices" ("location_code", "gate_code", "category", "effective_from", "price")
           VALUES (NEW."location_code", NEW."gate_code", NEW."category", '-infinity', NEW."price");
         ELSIF NEW."price" IS DISTINCT FROM OLD."price" THEN
           -- Two changes in one transaction share its time: the later one wins.
           INSERT INTO "retribusi"."tariff_prices" ("location_code", "gate_code", "category", "effective_from", "price")
           VALUES (NEW."location_code", NEW."gate_code", NEW."category", now(), NEW."price")
           ON CONFLICT ("location_code", "gate_code", "category", "effective_from") DO UPDATE SET "price" = EXCLUDED."price";
         END IF;
         RETURN NEW;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "tariffs_record_price" AFTER INSERT OR UPDATE OF "price" ON "retribusi"."tariffs"
       FOR EACH ROW EXECUTE FUNCTION "retribusi"."record_tariff_price"()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tariffs_record_price" ON "retribusi"."tariffs"`);
    await queryRunner.query(`DROP FUNCTION "retribusi"."record_tariff_price"()`);
    await queryRunner.query(`DROP TABLE "retribusi"."tariff_prices"`);
  }
}
