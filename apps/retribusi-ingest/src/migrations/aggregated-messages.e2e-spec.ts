import { describe, expect, it } from '@jest/globals';
import { Baseline1732300000000 } from './1732300000000-baseline.js';
import { RetribusiSchema1732500000000 } from './1732500000000-retribusi-schema.js';
import { OptionalEventKey1732700000000 } from './1732700000000-optional-event-key.js';
import { TariffPriceHistory1732800000000 } from './1732800000000-tariff-price-history.js';
import { AggregatedMessages1732900000000 } from './1732900000000-aggregated-messages.js';
import { upgradedDatabaseForSuite } from './upgraded-database.js';

const ENTRY_MARKS = 'SELECT entry_id::int AS id FROM retribusi.aggregated_entries ORDER BY entry_id';

/** A database whose aggregator marked entries, upgraded in place: those marks stay; reverting marks every stored entry. */
describe('migration AggregatedMessages1732900000000', () => {
  const suite = upgradedDatabaseForSuite(
    [Baseline1732300000000, RetribusiSchema1732500000000, OptionalEventKey1732700000000, TariffPriceHistory1732800000000],
    async (before) => {
      await before.query(
        `INSERT INTO retribusi.entry_events (location_code, gate_code, category, event_time, price)
           SELECT 'loc', 'gate01', 'motor', now(), 5000 FROM generate_series(1, 3)`,
      );
      // The first two were folded by the earlier aggregator.
      await before.query(`INSERT INTO retribusi.aggregated_entries (entry_id) SELECT id FROM retribusi.entry_events ORDER BY id LIMIT 2`);
    },
    [AggregatedMessages1732900000000],
  );

  it('keeps the entry marks (a redelivery of their messages still adds nothing) and starts with no message marks', async () => {
    await expect(suite.dataSource.query(ENTRY_MARKS)).resolves.toEqual([{ id: 1 }, { id: 2 }]);
    await expect(suite.dataSource.query('SELECT count(*)::int AS count FROM retribusi.aggregated_messages')).resolves.toEqual([{ count: 0 }]);
    await suite.dataSource.query('INSERT INTO retribusi.aggregated_messages (first_entry_id) VALUES (3)');
    await expect(suite.dataSource.query('INSERT INTO retribusi.aggregated_messages (first_entry_id) VALUES (3)')).rejects.toThrow(/duplicate key/);
  });

  it('reverts to entry marks for every stored entry', async () => {
    await suite.dataSource.undoLastMigration();
    await expect(suite.dataSource.query(`SELECT to_regclass('retribusi.aggregated_messages') AS marks`)).resolves.toEqual([{ marks: null }]);
    await expect(suite.dataSource.query(ENTRY_MARKS)).resolves.toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });
});
