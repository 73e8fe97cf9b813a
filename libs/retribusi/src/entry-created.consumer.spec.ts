import { describe, expect, it } from '@jest/globals';
import { decodeEntryCreated, UnprocessableEventError } from './entry-created.consumer.js';

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
