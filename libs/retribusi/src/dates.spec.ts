import { describe, expect, it } from '@jest/globals';
import { addDays, dateRange, daysInclusive, formatZoned, HOUR_LABELS, isCalendarDate, parseCalendarDate, zonedParts, zonedToUnix } from './dates.js';

describe('calendar dates', () => {
  it('accepts real YYYY-MM-DD days only', () => {
    for (const value of ['2025-12-16', '2024-02-29', '2025-01-01']) expect(isCalendarDate(value)).toBe(true);
    for (const value of ['2025-02-29', '2025-13-01', '2025-12-32', '2025-1-5', '16-12-2025', '2025/12/16', '2025-12-16T00:00:00', '', '1969-12-31']) {
      expect(isCalendarDate(value)).toBe(false);
    }
  });

  it('reports an invalid date as a 422 on the field', () => {
    expect(() => parseCalendarDate('2025-02-30', 'date')).toThrow(
      expect.objectContaining({ code: 'validation_failed', fields: [{ field: 'date', message: 'Must be a date in format YYYY-MM-DD' }] }),
    );
    expect(() => parseCalendarDate(20251216, 'date')).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });

  it('counts and lists ranges with both ends included, across month and leap-day boundaries', () => {
    expect(daysInclusive('2025-12-01', '2025-12-03')).toBe(3);
    expect(daysInclusive('2025-12-16', '2025-12-16')).toBe(1);
    expect(daysInclusive('2024-01-01', '2024-12-31')).toBe(366);
    expect(dateRange('2024-02-27', '2024-03-02')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02']);
    expect(dateRange('2025-12-03', '2025-12-01')).toEqual([]);
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });

  it('labels the 24 hours "00".."23"', () => {
    expect(HOUR_LABELS).toHaveLength(24);
    expect([HOUR_LABELS[0], HOUR_LABELS[9], HOUR_LABELS[23]]).toEqual(['00', '09', '23']);
  });
});

describe('business time zone', () => {
  // 2025-01-17 10:30:00 UTC
  const instant = 1_737_109_800;

  it('puts an instant on the wall clock of Asia/Jakarta (UTC+7, no DST)', () => {
    expect(zonedParts(instant, 'Asia/Jakarta')).toEqual({ date: '2025-01-17', hour: 17, minute: 30, second: 0 });
    expect(formatZoned(instant, 'Asia/Jakarta')).toBe('2025-01-17 17:30:00');
    // 17:30 UTC is already the next day in Jakarta.
    expect(zonedParts(instant + 7 * 3600, 'Asia/Jakarta').date).toBe('2025-01-18');
    expect(formatZoned(instant, 'UTC')).toBe('2025-01-17 10:30:00');
  });

  it('turns a wall-clock time back into the instant', () => {
    expect(zonedToUnix('2025-01-17', 17 * 3600 + 30 * 60, 'Asia/Jakarta')).toBe(instant);
    expect(zonedToUnix('2025-01-18', 0, 'Asia/Jakarta')).toBe(Date.UTC(2025, 0, 17, 17) / 1000);
  });

  it('handles a zone with daylight saving time on both sides of the change', () => {
    // Europe/Berlin moved from UTC+1 to UTC+2 at 2025-03-30 02:00 local.
    expect(zonedToUnix('2025-03-29', 12 * 3600, 'Europe/Berlin')).toBe(Date.UTC(2025, 2, 29, 11) / 1000);
    expect(zonedToUnix('2025-03-30', 12 * 3600, 'Europe/Berlin')).toBe(Date.UTC(2025, 2, 30, 10) / 1000);
    for (const hour of [0, 1, 3, 23]) {
      const unix = zonedToUnix('2025-03-30', hour * 3600, 'Europe/Berlin');
      expect(zonedParts(unix, 'Europe/Berlin')).toEqual({ date: '2025-03-30', hour, minute: 0, second: 0 });
    }
  });
});
