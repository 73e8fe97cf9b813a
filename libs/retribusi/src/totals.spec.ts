import { describe, expect, it } from '@jest/globals';
import { summarizeTotals } from './totals.js';

describe('day totals', () => {
  it('is all zeros, with every category listed, when nothing was counted', () => {
    expect(summarizeTotals([])).toEqual({
      total_count_today: 0,
      total_amount_today: 0,
      by_gate: [],
      by_category: [
        { category: 'person_walk', total_count: 0, total_amount: 0 },
        { category: 'motor', total_count: 0, total_amount: 0 },
        { category: 'car', total_count: 0, total_amount: 0 },
      ],
    });
  });

  it('adds up per gate (kept apart per location) and per category, from numbers or bigint text', () => {
    const result = summarizeTotals([
      { location_code: 'pasar_01', gate_code: 'gate01', category: 'motor', total_count: '2', total_amount: '6000' },
      { location_code: 'kerkof_01', gate_code: 'gate02', category: 'car', total_count: 1, total_amount: 10000 },
      { location_code: 'kerkof_01', gate_code: 'gate01', category: 'motor', total_count: 3, total_amount: 15000 },
      { location_code: 'kerkof_01', gate_code: 'gate01', category: 'car', total_count: '1', total_amount: '10000' },
    ]);
    expect(result.total_count_today).toBe(7);
    expect(result.total_amount_today).toBe(41000);
    expect(result.by_gate).toEqual([
      { location_code: 'kerkof_01', gate_code: 'gate01', total_count: 4, total_amount: 25000 },
      { location_code: 'kerkof_01', gate_code: 'gate02', total_count: 1, total_amount: 10000 },
      { location_code: 'pasar_01', gate_code: 'gate01', total_count: 2, total_amount: 6000 },
    ]);
    expect(result.by_category).toEqual([
      { category: 'person_walk', total_count: 0, total_amount: 0 },
      { category: 'motor', total_count: 5, total_amount: 21000 },
      { category: 'car', total_count: 2, total_amount: 20000 },
    ]);
  });
});
