import { afterAll, beforeAll, expect } from '@jest/globals';
import { createServiceDataSource, migrateSchema } from '@gerbang/database';
import { createTestDatabase, type TestDatabase } from '@gerbang/testing';
import type { DataSource } from 'typeorm';

type Migration = new () => object;

export interface UpgradedDatabase {
  database: TestDatabase;
  dataSource: DataSource;
  /** The names of the migrations the upgrade ran. */
  ran: string[];
  drop(): Promise<void>;
}

/**
 * For migration tests: a fresh database migrated up to `before`, given data by `seed`, then
 * upgraded in place with `upgrade`, as an installation in service would be.
 */
export async function upgradedDatabase(before: Migration[], seed: (dataSource: DataSource) => Promise<void>, upgrade: Migration[]): Promise<UpgradedDatabase> {
  const database = await createTestDatabase();
  const open = (migrations: Migration[]) => createServiceDataSource({ schema: 'retribusi', entities: [], migrations, url: database.url, poolSize: 2 });
  const earlier = open(before);
  await earlier.initialize();
  await migrateSchema(earlier, 'retribusi');
  await seed(earlier);
  await earlier.destroy();
  const dataSource = open([...before, ...upgrade]);
  await dataSource.initialize();
  const ran = await migrateSchema(dataSource, 'retribusi');
  return {
    database,
    dataSource,
    ran,
    async drop() {
      await dataSource.destroy();
      await database.drop();
    },
  };
}

/**
 * upgradedDatabase for a whole describe block: made before its tests (checking that the
 * upgrade ran exactly `upgrade`), dropped after them; `dataSource` is the upgraded one.
 */
export function upgradedDatabaseForSuite(
  before: Migration[],
  seed: (dataSource: DataSource) => Promise<void>,
  upgrade: Migration[],
): { readonly dataSource: DataSource } {
  let upgraded: UpgradedDatabase | undefined;
  beforeAll(async () => {
    upgraded = await upgradedDatabase(before, seed, upgrade);
    expect(upgraded.ran).toEqual(upgrade.map((migration) => (new migration() as { name: string }).name));
  });
  afterAll(async () => {
    await upgraded?.drop();
  });
  return {
    get dataSource(): DataSource {
      if (!upgraded) throw new Error('the upgraded database is made in beforeAll');
      return upgraded.dataSource;
    },
  };
}
