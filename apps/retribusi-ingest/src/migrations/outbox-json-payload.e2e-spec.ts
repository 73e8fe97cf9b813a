import { describe, expect, it } from '@jest/globals';
import { Baseline1732300000000 } from './1732300000000-baseline.js';
import { RetribusiSchema1732500000000 } from './1732500000000-retribusi-schema.js';
import { OptionalEventKey1732700000000 } from './1732700000000-optional-event-key.js';
import { TariffPriceHistory1732800000000 } from './1732800000000-tariff-price-history.js';
import { AggregatedMessages1732900000000 } from './1732900000000-aggregated-messages.js';
import { OutboxJsonPayload1733000000000 } from './1733000000000-outbox-json-payload.js';
import { upgradedDatabaseForSuite } from './upgraded-database.js';

const PAYLOAD = { entries: [{ entryId: 1, locationCode: 'loc', price: 5000, sourceIp: null }] };
const STORED = `SELECT payload::text AS text, pg_typeof(payload)::text AS type FROM retribusi.outbox_messages`;

/** An outbox row not yet published when the upgrade runs keeps its payload, and is published as before. */
describe('migration OutboxJsonPayload1733000000000', () => {
  const suite = upgradedDatabaseForSuite(
    [Baseline1732300000000, RetribusiSchema1732500000000, OptionalEventKey1732700000000, TariffPriceHistory1732800000000, AggregatedMessages1732900000000],
    async (before) => {
      await before.query(
        `INSERT INTO retribusi.outbox_messages (subject, message_id, payload, headers) VALUES ('retribusi.entry.batch-created.v1', gen_random_uuid(), $1, '{}')`,
        [JSON.stringify(PAYLOAD)],
      );
    },
    [OutboxJsonPayload1733000000000],
  );

  it('keeps a pending payload as json text, and refuses text that is not JSON', async () => {
    const [row] = await suite.dataSource.query(STORED);
    expect(row.type).toBe('json');
    expect(JSON.parse(row.text)).toEqual(PAYLOAD);
    await expect(
      suite.dataSource.query(`INSERT INTO retribusi.outbox_messages (subject, message_id, payload) VALUES ('s', gen_random_uuid(), 'not json')`),
    ).rejects.toThrow(/invalid input syntax for type json/);
  });

  it('reverts to jsonb with the payload intact', async () => {
    await suite.dataSource.undoLastMigration();
    const [row] = await suite.dataSource.query(STORED);
    expect(row.type).toBe('jsonb');
    expect(JSON.parse(row.text)).toEqual(PAYLOAD);
  });
});
