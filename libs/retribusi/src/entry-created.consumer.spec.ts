import { describe, expect, it } from '@jest/globals';
import type { JsMsg } from '@nats-io/jetstream';
import { pino } from 'pino';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { RETRIBUSI_SUBJECTS, RetribusiEntryCreatedV1 } from '@gerbang/contracts';
import {
  decodeEntryMessage,
  EntryCreatedConsumer,
  entryAsWritten,
  nextBatchLength,
  UnprocessableEventError,
  type EntryBatchHandler,
} from './entry-created.consumer.js';
import type { JetStreamConnection } from './jetstream.connection.js';
import { outboxEntry as entry } from './entry.fixture.js';

const decodeEntryCreated = (data: string) => {
  const [entry] = decodeEntryMessage(RETRIBUSI_SUBJECTS.entryCreated, data, () => undefined);
  return entry;
};

describe('entry-created payload', () => {
  const payload = entry(12345, '192.168.1.100');

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

describe('entries checked by hand', () => {
  const byClassValidator = (plain: object) => validateSync(plainToInstance(RetribusiEntryCreatedV1, plain)).length === 0;
  const base = entry(7, '10.1.2.3');
  // Each field with values the outbox writes and values it never writes, valid or not.
  const variants: Record<string, unknown[]> = {
    entryId: [1, 2 ** 40, 0, -1, 1.5, '7', null, undefined, Number.NaN],
    locationCode: ['a', 'x'.repeat(64), 'x'.repeat(65), '', ' ', 7, null, 'kö', '\uFE0F', '😀'.repeat(33), '😀'.repeat(32)],
    gateCode: ['gate-01', '', 'g'.repeat(65), 0, 'é'],
    category: ['person_walk', 'motor', 'car', 'truck', '', 'Car', 1],
    eventTime: [0, 1703123456, -1, 1.25, '1703123456', null],
    price: [0, 5000, -5, 0.5, '5000', undefined],
    sourceIp: [null, undefined, '', '::1', 42, {}],
    createdAt: [
      '2025-01-17T03:30:01.000Z',
      '2025-01-17T03:30:01Z',
      '2025-01-17 03:30:01',
      '2025-13-17T03:30:01.000Z',
      '2025-01-17T24:30:01.000Z',
      '2025-01-17T03:30:01.000+07:00',
      '17/01/2025',
      '',
      20250117,
      null,
    ],
  };
  const samples = Object.entries(variants).flatMap(([field, values]) => values.map((value) => ({ ...base, [field]: value })));

  it('takes the entries the outbox writes without class-validator', () => {
    expect(entryAsWritten(base)).toEqual({ ...base });
    expect(entryAsWritten(entry(8))).toEqual(entry(8));
    expect(entryAsWritten({ ...base, sourceIp: undefined })).toMatchObject({ sourceIp: null });
    expect(entryAsWritten(base)).toBeInstanceOf(RetribusiEntryCreatedV1);
  });

  it('accepts only what the contract class accepts, and the decoder agrees with class-validator on every sample', () => {
    expect(samples.length).toBeGreaterThan(50);
    for (const sample of samples) {
      const valid = byClassValidator(sample);
      if (entryAsWritten(sample)) expect({ sample, valid }).toEqual({ sample, valid: true });
      const decoded = (() => {
        try {
          return decodeEntryMessage(RETRIBUSI_SUBJECTS.entryCreated, JSON.stringify(sample), () => undefined).length === 1;
        } catch {
          return false;
        }
      })();
      // JSON has no undefined or NaN: compare with what the message carries.
      expect({ sample, decoded }).toEqual({ sample, decoded: byClassValidator(JSON.parse(JSON.stringify(sample)) as object) });
    }
  });
});

describe('batch-created payload', () => {
  it('decodes every entry of a batch, and a lone entry on the single-entry subject', () => {
    const invalid: string[] = [];
    const decoded = decodeEntryMessage(RETRIBUSI_SUBJECTS.entriesCreated, JSON.stringify({ entries: [entry(1), entry(2)] }), (error) =>
      invalid.push(error.message),
    );
    expect(decoded.map((event) => event.entryId)).toEqual([1, 2]);
    expect(invalid).toEqual([]);
    expect(decodeEntryMessage(RETRIBUSI_SUBJECTS.entryCreated, JSON.stringify(entry(3)), () => undefined).map((event) => event.entryId)).toEqual([3]);
  });

  it('leaves an invalid entry out of its batch and reports it, keeping the others', () => {
    const invalid: string[] = [];
    const decoded = decodeEntryMessage(
      RETRIBUSI_SUBJECTS.entriesCreated,
      JSON.stringify({ entries: [entry(1), { ...entry(2), category: 'truck' }, 'x', entry(4)] }),
      (error) => invalid.push(error.message),
    );
    expect(decoded.map((event) => event.entryId)).toEqual([1, 4]);
    expect(invalid).toEqual(['invalid payload: category', 'entry is not an object']);
  });

  it.each([['not json'], [JSON.stringify({ entries: 'none' })], [JSON.stringify([entry(1)])]])('refuses the batch %s as a whole', (data) => {
    expect(() => decodeEntryMessage(RETRIBUSI_SUBJECTS.entriesCreated, data, () => undefined)).toThrow(UnprocessableEventError);
  });

  it('cuts batches at batchSize entries, but never splits a message', () => {
    expect(nextBatchLength([3, 3, 3], 7)).toBe(2);
    expect(nextBatchLength([1000, 1], 500)).toBe(1);
    expect(nextBatchLength([1, 1000], 500)).toBe(1);
    expect(nextBatchLength([2, 2], 4)).toBe(2);
    expect(nextBatchLength([], 4)).toBe(0);
  });
});

describe('entry-created batches', () => {
  const payload = (entryId: number) => JSON.stringify(entry(entryId));
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

  it('hands over the entries of batch messages with lone ones, acking each message after the handler resolved', async () => {
    const received: number[][] = [];
    const batch = (ids: number[], seq: number) => {
      const made = message(JSON.stringify({ entries: ids.map((id) => entry(id)) }), seq);
      Object.assign(made.fake, { subject: RETRIBUSI_SUBJECTS.entriesCreated });
      return made;
    };
    const messages = [batch([5, 6], 1), message(payload(2), 2), batch([6, 9], 3), batch([], 4)];
    await consumer(async (events) => void received.push(events.map((event) => event.entryId))).process(messages.map((entry) => entry.fake));
    expect(received).toEqual([[2, 5, 6, 9]]);
    // A batch with no valid entry has nothing to retry.
    expect(messages.map((entry) => entry.outcome)).toEqual([['ack'], ['ack'], ['ack'], ['term']]);
  });

  it("names each entry's message by its lowest entry id, the same on every delivery of that message", async () => {
    const received: Array<{ ids: number[]; keys: number[] }> = [];
    const batch = (ids: number[], seq: number) => {
      const made = message(JSON.stringify({ entries: ids.map((id) => entry(id)) }), seq);
      Object.assign(made.fake, { subject: RETRIBUSI_SUBJECTS.entriesCreated });
      return made;
    };
    const messages = [batch([12, 10, 11], 1), message(payload(4), 2), batch([10, 11, 12], 3), batch([20, 21], 4)];
    await consumer(async (events, keys) => void received.push({ ids: events.map((event) => event.entryId), keys })).process(
      messages.map((entry) => entry.fake),
    );
    expect(received).toEqual([{ ids: [4, 10, 11, 12, 20, 21], keys: [4, 10, 10, 10, 20, 20] }]);
  });

  it('does not call the handler when nothing in the batch is processable', async () => {
    let calls = 0;
    const messages = [message('[]', 1)];
    await consumer(async () => void (calls += 1)).process(messages.map((entry) => entry.fake));
    expect(calls).toBe(0);
    expect(messages[0]?.outcome).toEqual(['term']);
  });
});
