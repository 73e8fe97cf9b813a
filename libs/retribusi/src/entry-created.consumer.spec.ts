import { describe, expect, it } from '@jest/globals';
import type { JsMsg } from '@nats-io/jetstream';
import { pino } from 'pino';
import { decodeEntryCreated, EntryCreatedConsumer, UnprocessableEventError, type EntryBatchHandler } from './entry-created.consumer.js';
import type { JetStreamConnection } from './jetstream.connection.js';

describe('entry-created payload', () => {
  const payload = {
    entryId: 12345,
    locationCode: 'kerkof_01',
    gateCode: 'gate01',
    category: 'motor',
    eventTime: 1703123456,
    price: 5000,
    sourceIp: '192.168.1.100',
    createdAt: '2025-01-17T03:30:01.000Z',
  };

  it('decodes a valid payload into the contract class', () => {
    expect(decodeEntryCreated(JSON.stringify(payload))).toMatchObject(payload);
    expect(decodeEntryCreated(JSON.stringify({ ...payload, sourceIp: null }))).toMatchObject({ sourceIp: null });
  });

  it.each([['not json'], [JSON.stringify([payload])], [JSON.stringify({ ...payload, category: 'truck' })], [JSON.stringify({ ...payload, entryId: '12345' })]])(
    'refuses %s as never processable',
    (data) => {
      expect(() => decodeEntryCreated(data)).toThrow(UnprocessableEventError);
    },
  );
});

describe('entry-created batches', () => {
  const payload = (entryId: number) =>
    JSON.stringify({
      entryId,
      locationCode: 'kerkof_01',
      gateCode: 'gate01',
      category: 'motor',
      eventTime: 1703123456,
      price: 5000,
      createdAt: '2025-01-17T03:30:01.000Z',
    });
  const message = (data: string, seq: number) => {
    const outcome: string[] = [];
    const fake = { seq, string: () => data, ack: () => outcome.push('ack'), nak: () => outcome.push('nak'), term: () => outcome.push('term') };
    return { fake: fake as unknown as JsMsg, outcome };
  };
  const consumer = (store: EntryBatchHandler) =>
    new EntryCreatedConsumer({} as JetStreamConnection, { durable: 'test', batchSize: 10, ackWaitSeconds: 30 }, pino({ level: 'silent' }), store);

  it('hands over each entry once, sorted by id, and acks after the handler resolved', async () => {
    const received: number[][] = [];
    const messages = [message(payload(7), 1), message(payload(3), 2), message(payload(7), 3), message('not json', 4)];
    await consumer(async (events) => void received.push(events.map((event) => event.entryId))).process(messages.map((entry) => entry.fake));
    expect(received).toEqual([[3, 7]]);
    expect(messages.map((entry) => entry.outcome)).toEqual([['ack'], ['ack'], ['ack'], ['term']]);
  });

  it('asks for redelivery of the whole batch when the handler fails, and never retries a malformed message', async () => {
    const messages = [message(payload(1), 1), message('{"entryId":2}', 2), message(payload(3), 3)];
    await consumer(() => Promise.reject(new Error('database down'))).process(messages.map((entry) => entry.fake));
    expect(messages.map((entry) => entry.outcome)).toEqual([['nak'], ['term'], ['nak']]);
  });

  it('does not call the handler when nothing in the batch is processable', async () => {
    let calls = 0;
    const messages = [message('[]', 1)];
    await consumer(async () => void (calls += 1)).process(messages.map((entry) => entry.fake));
    expect(calls).toBe(0);
    expect(messages[0]?.outcome).toEqual(['term']);
  });
});
