import { describe, expect, it } from '@jest/globals';
import { Baseline1732300000000 } from './1732300000000-baseline.js';
import { RetribusiSchema1732500000000 } from './1732500000000-retribusi-schema.js';
import { OptionalEventKey1732700000000 } from './1732700000000-optional-event-key.js';
import { upgradedDatabaseForSuite } from './upgraded-database.js';

const INSERT = `INSERT INTO retribusi.entry_events (location_code, gate_code, category, event_time, price, event_key)
                VALUES ('loc', 'gate01', 'car', now(), 5000, $1)`;

/** A database already holding events with generated keys, upgraded in place. */
describe('migration OptionalEventKey1732700000000 on a database with events', () => {
  const sqlState = (work: Promise<unknown>) =>
    work.then(
      () => 'ok',
      (error: { code?: string }) => error.code,
    );

  const suite = upgradedDatabaseForSuite(
    [Baseline1732300000000, RetribusiSchema1732500000000],
    async (before) => {
      await before.query(INSERT, ['gen:0b7c8a52-0d7e-4a55-9f6a-3f1f0e2d9c11']);
      await before.query(INSERT, ['id:gate01-1']);
    },
    [OptionalEventKey1732700000000],
  );

  it('keeps the stored keys, takes events without a key, and still refuses a repeated client key', async () => {
    await expect(suite.dataSource.query(`SELECT event_key FROM retribusi.entry_events ORDER BY id`)).resolves.toEqual([
      { event_key: 'gen:0b7c8a52-0d7e-4a55-9f6a-3f1f0e2d9c11' },
      { event_key: 'id:gate01-1' },
    ]);
    await expect(sqlState(suite.dataSource.query(INSERT, [null]))).resolves.toBe('ok');
    await expect(sqlState(suite.dataSource.query(INSERT, [null]))).resolves.toBe('ok');
    await expect(sqlState(suite.dataSource.query(INSERT, ['id:gate01-1']))).resolves.toBe('23505');
  });

  it('reverts: events without a key get a generated one and the key is required again', async () => {
    await suite.dataSource.undoLastMigration();
    const keys = (await suite.dataSource.query(`SELECT id::text, event_key FROM retribusi.entry_events ORDER BY id`)) as Array<{
      id: string;
      event_key: string;
    }>;
    expect(keys.slice(2)).toEqual(keys.slice(2).map(({ id }) => ({ id, event_key: `gen:${id}` })));
    expect(keys).toHaveLength(4);
    await expect(sqlState(suite.dataSource.query(INSERT, [null]))).resolves.toBe('23502');
    await expect(sqlState(suite.dataSource.query(INSERT, ['id:gate01-1']))).resolves.toBe('23505');
  });
});
