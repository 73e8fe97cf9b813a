import { describe, expect, it } from '@jest/globals';
import { HOUR_LABELS } from '../common/dates.js';
import { decodeEntryCreated, UnprocessableEventError } from './summary-aggregator.js';
import { series } from './summaries.service.js';

describe('chart series', () => {
  it('zero-fills every label without a row and keeps the label order', () => {
    const result = series(HOUR_LABELS, [
      { label: '07', total_count: '3', total_amount: '15000' },
      { label: '23', total_count: '1', total_amount: '2000' },
    ]);
    expect(result.labels).toEqual(HOUR_LABELS);
    expect(result.series.total_count).toHaveLength(24);
    expect(result.series.total_count[7]).toBe(3);
    expect(result.series.total_amount[23]).toBe(2000);
    expect(result.series.total_count.reduce((sum, value) => sum + value, 0)).toBe(4);
  });
});

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
