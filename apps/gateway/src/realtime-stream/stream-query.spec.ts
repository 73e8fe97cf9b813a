import { describe, expect, it } from '@jest/globals';
import { parseStreamQuery } from './stream-query.js';

describe('parseStreamQuery', () => {
  it('is live from now for every location without parameters (empty values count as absent)', () => {
    expect(parseStreamQuery({}, undefined)).toEqual({ ok: true, lastId: null, locationCode: null });
    expect(parseStreamQuery({ last_id: '', location_code: '' }, '')).toEqual({ ok: true, lastId: null, locationCode: null });
  });

  it('prefers Last-Event-ID over lastEventId over last_id', () => {
    expect(parseStreamQuery({ last_id: '5', lastEventId: '7' }, '9')).toEqual({ ok: true, lastId: 9, locationCode: null });
    expect(parseStreamQuery({ last_id: '5', lastEventId: '7' }, undefined)).toEqual({ ok: true, lastId: 7, locationCode: null });
    expect(parseStreamQuery({ last_id: ['5', '6'], location_code: 'kerkof_01' }, undefined)).toEqual({ ok: true, lastId: 5, locationCode: 'kerkof_01' });
    expect(parseStreamQuery({ last_id: '0' }, undefined)).toEqual({ ok: true, lastId: 0, locationCode: null });
  });

  it.each([
    [{ last_id: '-1' }, undefined, 'last_id'],
    [{ last_id: '1.5' }, undefined, 'last_id'],
    [{ last_id: '99999999999999999' }, undefined, 'last_id'],
    [{}, 'abc', 'Last-Event-ID'],
    [{ location_code: '../x' }, undefined, 'location_code'],
    [{ location_code: 'x'.repeat(65) }, undefined, 'location_code'],
  ])('refuses %j / %s naming the field', (query, header, field) => {
    const outcome = parseStreamQuery(query, header);
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? [] : outcome.fields.map((entry) => entry.field)).toEqual([field]);
  });
});
