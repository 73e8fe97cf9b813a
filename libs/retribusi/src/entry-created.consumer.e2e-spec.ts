import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { RETRIBUSI_EVENTS_STREAM, RETRIBUSI_SUBJECTS } from '@gerbang/contracts';
import { eventually, startNatsServer, type TestNatsServer } from '@gerbang/testing';
import { EntryCreatedConsumer } from './entry-created.consumer.js';
import { JetStreamConnection } from './jetstream.connection.js';
import { outboxEntry } from './entry.fixture.js';

const logger = pino({ level: 'silent' });

describe('EntryCreatedConsumer on a real JetStream server', () => {
  let server: TestNatsServer;
  let connection: JetStreamConnection;

  beforeAll(async () => {
    server = await startNatsServer();
    const previous = process.env.NATS_URL;
    process.env.NATS_URL = server.url;
    try {
      connection = new JetStreamConnection({ name: 'consumer-e2e', streamMaxAgeHours: 1 }, logger);
      await connection.onModuleInit();
    } finally {
      process.env.NATS_URL = previous;
    }
  });

  afterAll(async () => {
    await connection?.onApplicationShutdown();
    await server?.stop();
  });

  // The size of batch messages follows the load: one entry each while gates are quiet, many
  // under a rush. A consumer that kept up with small messages must go on pulling when they grow.
  it('keeps pulling when batch messages grow from one entry to a hundred, until every entry is handled', async () => {
    const handled = new Set<number>();
    const consumer = new EntryCreatedConsumer(connection, { durable: 'consumer-e2e', batchSize: 500, ackWaitSeconds: 30 }, logger, async (batch) => {
      for (const event of batch) handled.add(event.entryId);
    });
    await consumer.start();

    let nextId = 1;
    for (let message = 0; message < 600; message += 1) {
      const entries = Array.from({ length: message < 300 ? 1 : 100 }, () => outboxEntry(nextId++, '10.0.0.7'));
      // One at a time, as the outbox relay publishes: the consumer keeps up between messages.
      await connection.js.publish(RETRIBUSI_SUBJECTS.entriesCreated, JSON.stringify({ entries }), { msgID: `retribusi-entries-${entries[0]?.entryId}` });
    }
    const total = nextId - 1;

    // Well inside the 30 s after which missed heartbeats would have restarted a stalled pull.
    await eventually(async () => (handled.size === total ? true : undefined), 15_000, `all ${total} entries handled`);
    await consumer.stop();
    expect(handled.size).toBe(total);
  });

  // The aggregator lingers so that, under load, one transaction folds many ingest commits.
  it('hands over the messages that arrive within lingerMs as one batch, and without a linger as they come', async () => {
    const batchesOf = async (durable: string, lingerMs: number, firstId: number) => {
      const batches: number[][] = [];
      const consumer = new EntryCreatedConsumer(connection, { durable, batchSize: 500, ackWaitSeconds: 30, lingerMs }, logger, async (batch) => {
        const fresh = batch.filter((event) => event.entryId >= firstId).map((event) => event.entryId);
        if (fresh.length > 0) batches.push(fresh);
      });
      await consumer.start();
      // What earlier tests left on the stream first, so it cannot share a batch with what follows.
      await eventually(
        async () => {
          const info = await connection.jsm.consumers.info(RETRIBUSI_EVENTS_STREAM.name, durable);
          return info.num_pending === 0 && info.num_ack_pending === 0 ? true : undefined;
        },
        15_000,
        'the earlier messages handled',
      );
      for (let index = 0; index < 5; index += 1) {
        const entries = [outboxEntry(firstId + index)];
        await connection.js.publish(RETRIBUSI_SUBJECTS.entriesCreated, JSON.stringify({ entries }), { msgID: `retribusi-entries-${firstId + index}` });
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      await eventually(async () => (batches.flat().length === 5 ? true : undefined), 10_000, 'the five entries handled');
      await consumer.stop();
      return batches;
    };

    await expect(batchesOf('consumer-linger', 1_000, 1_000_000)).resolves.toEqual([[1_000_000, 1_000_001, 1_000_002, 1_000_003, 1_000_004]]);
    expect((await batchesOf('consumer-no-linger', 0, 2_000_000)).length).toBeGreaterThan(1);
  });
});
