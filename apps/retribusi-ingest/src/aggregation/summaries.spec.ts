import { describe, expect, it } from '@jest/globals';
import { HOUR_LABELS } from '@gerbang/retribusi';
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
