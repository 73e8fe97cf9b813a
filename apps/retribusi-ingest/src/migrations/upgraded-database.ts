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
