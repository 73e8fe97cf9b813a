import { describe, expect, it } from '@jest/globals';
import { failuresInARow, restartDelayMs, STABLE_AFTER_MS } from './restart-policy.js';

describe('restart policy', () => {
  it('doubles the delay from one second and caps it at thirty', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(restartDelayMs)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('counts crashes in a row until an app stays up long enough', () => {
    expect(failuresInARow(0, null)).toBe(1);
    expect(failuresInARow(3, null)).toBe(4);
    expect(failuresInARow(3, 5_000)).toBe(4);
    expect(failuresInARow(3, STABLE_AFTER_MS)).toBe(1);
  });
});
