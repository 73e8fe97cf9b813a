import { describe, expect, it } from '@jest/globals';
import { dailyRateErrors, parsePeriodKey, periodAverage, periodKey } from './exchange-rate-rules.js';

describe('exchange rate rules', () => {
  it('addresses a reference as yyyy-mm-exchangeReference', () => {
    expect(periodKey(2025, 1, 'jisdor')).toBe('2025-01-jisdor');
    expect(parsePeriodKey('2025-01-jisdor')).toEqual({ year: 2025, month: 1, reference: 'jisdor' });
    expect(parsePeriodKey('2025-3-BIRATE')).toEqual({ year: 2025, month: 3, reference: 'biRate' });
    for (const key of ['2025-13-jisdor', '2025-01-euro', '25-01-jisdor', '0b6f2d9e-9a51-4c55-8a3c-1f0d2b7c9e11']) expect(parsePeriodKey(key)).toBeNull();
  });

  it('keeps daily rates inside the period, once per date', () => {
    expect(dailyRateErrors(2025, 1, ['2025-01-02', '2025-01-03'])).toEqual([]);
    expect(dailyRateErrors(2025, 2, ['2025-02-01', '2025-02-30', '2025-03-01', '2025-02-01']).map((error) => [error.field, error.constraint])).toEqual([
      ['dailyRates.1.date', 'datetime'],
      ['dailyRates.2.date', 'period'],
      ['dailyRates.3.date', 'unique'],
    ]);
  });

  it('averages the daily rates to two decimals', () => {
    expect(periodAverage([16000, 16100, 16201])).toBe(16100.33);
    expect(periodAverage([16235])).toBe(16235);
    expect(periodAverage([])).toBeNull();
  });
});
