import { describe, expect, it } from '@jest/globals';
import { Baseline1732300000000 } from './1732300000000-baseline.js';
import { RetribusiSchema1732500000000 } from './1732500000000-retribusi-schema.js';
import { OptionalEventKey1732700000000 } from './1732700000000-optional-event-key.js';
import { TariffPriceHistory1732800000000 } from './1732800000000-tariff-price-history.js';
import { upgradedDatabaseForSuite } from './upgraded-database.js';

const HISTORY = `SELECT category, CASE WHEN isfinite(effective_from) THEN 'changed' ELSE 'first' END AS since, price
                   FROM retribusi.tariff_prices WHERE gate_code = 'gate01' ORDER BY category, effective_from`;

/** A database with tariffs already set, upgraded in place; then the trigger keeps the history. */
describe('migration TariffPriceHistory1732800000000', () => {
  const suite = upgradedDatabaseForSuite(
    [Baseline1732300000000, RetribusiSchema1732500000000, OptionalEventKey1732700000000],
    async (before) => {
      await before.query(`INSERT INTO retribusi.locations (code, name, type) VALUES ('loc', 'Loc', 'kerkof')`);
      await before.query(`INSERT INTO retribusi.gates (location_code, gate_code, name, direction) VALUES ('loc', 'gate01', 'Gate 01', 'in')`);
      await before.query(`INSERT INTO retribusi.tariffs (location_code, gate_code, category, price) VALUES ('loc', 'gate01', 'motor', 5000)`);
    },
    [TariffPriceHistory1732800000000],
  );

  it('starts each existing tariff with its current price, holding from the beginning', async () => {
    await expect(suite.dataSource.query(HISTORY)).resolves.toEqual([{ category: 'motor', since: 'first', price: 5000 }]);
  });

  it('records a new tariff, each price change (the last of one transaction), and nothing for an unchanged price', async () => {
    await suite.dataSource.query(`INSERT INTO retribusi.tariffs (location_code, gate_code, category, price) VALUES ('loc', 'gate01', 'car', 10000)`);
    await suite.dataSource.query(`UPDATE retribusi.tariffs SET price = 6000 WHERE category = 'motor'`);
    await suite.dataSource.query(`UPDATE retribusi.tariffs SET updated_at = now() WHERE category = 'motor'`);
    await suite.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE retribusi.tariffs SET price = 11000 WHERE category = 'car'`);
      await manager.query(`UPDATE retribusi.tariffs SET price = 12000 WHERE category = 'car'`);
    });
    await expect(suite.dataSource.query(HISTORY)).resolves.toEqual([
      { category: 'car', since: 'first', price: 10000 },
      { category: 'car', since: 'changed', price: 12000 },
      { category: 'motor', since: 'first', price: 5000 },
      { category: 'motor', since: 'changed', price: 6000 },
    ]);
  });

  it('forgets the history of a deleted tariff, and reverts', async () => {
    await suite.dataSource.query(`DELETE FROM retribusi.tariffs WHERE category = 'car'`);
    await expect(suite.dataSource.query(`SELECT DISTINCT category FROM retribusi.tariff_prices`)).resolves.toEqual([{ category: 'motor' }]);
    await suite.dataSource.undoLastMigration();
    await expect(suite.dataSource.query(`SELECT to_regclass('retribusi.tariff_prices') AS history`)).resolves.toEqual([{ history: null }]);
    await suite.dataSource.query(`UPDATE retribusi.tariffs SET price = 7000 WHERE category = 'motor'`);
  });
});
