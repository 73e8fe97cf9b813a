import { describe, expect, it } from '@jest/globals';
import { entryFilterConditions, parseEntryFilter } from './entry-filter.js';

describe('entry filter', () => {
  it('reads the document filters, camelCase too, and leaves absent ones out', () => {
    expect(parseEntryFilter({ location_code: 'kerkof_01', gateCode: 'gate01', category: 'car', start_date: '2025-01-01', end_date: '2025-01-02' })).toEqual({
      locationCode: 'kerkof_01',
      gateCode: 'gate01',
      category: 'car',
      startDate: '2025-01-01',
      endDate: '2025-01-02',
    });
    expect(parseEntryFilter({})).toEqual({ locationCode: undefined, gateCode: undefined, category: undefined, startDate: undefined, endDate: undefined });
  });

  it.each([
    [{ location_code: 'bad code!' }, 'location_code'],
    [{ gate_code: '-gate' }, 'gate_code'],
    [{ category: 'truck' }, 'category'],
    [{ start_date: '2025-02-30' }, 'start_date'],
    [{ end_date: '17-01-2025' }, 'end_date'],
    [{ start_date: '2025-01-02', end_date: '2025-01-01' }, 'end_date'],
  ])('refuses %p with a 422 on %s', (query, field) => {
    expect(() => parseEntryFilter(query)).toThrow(expect.objectContaining({ code: 'validation_failed', fields: [expect.objectContaining({ field })] }));
  });

  it('turns filters into parameterised conditions, the dates as business-zone day bounds', () => {
    const conditions = entryFilterConditions({ locationCode: 'kerkof_01', endDate: '2025-01-17' }, 'Asia/Jakarta');
    expect(conditions.where).toBe('WHERE "location_code" = $1 AND "event_time" < ($2::date + 1)::timestamp AT TIME ZONE $3::text');
    expect(conditions.values).toEqual(['kerkof_01', '2025-01-17', 'Asia/Jakarta']);
    expect(entryFilterConditions({}, 'UTC').where).toBe('');
  });
});
