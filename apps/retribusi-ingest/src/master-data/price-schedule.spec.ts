import { describe, expect, it } from '@jest/globals';
import { priceAt } from './master-data-cache.js';

describe('priceAt', () => {
  const schedule = { from: [-Infinity, 1_700_000_000, 1_700_086_400], prices: [5000, 6000, 7000] };

  it('gives the price in force at the event time, each change holding from its own second', () => {
    expect(priceAt(schedule, 1_600_000_000)).toBe(5000);
    expect(priceAt(schedule, 1_699_999_999)).toBe(5000);
    expect(priceAt(schedule, 1_700_000_000)).toBe(6000);
    expect(priceAt(schedule, 1_700_086_399)).toBe(6000);
    expect(priceAt(schedule, 1_700_086_400)).toBe(7000);
    expect(priceAt(schedule, 1_800_000_000)).toBe(7000);
  });

  it('gives a tariff that never changed its one price at any time', () => {
    expect(priceAt({ from: [-Infinity], prices: [2000] }, 946_684_800)).toBe(2000);
  });
});
