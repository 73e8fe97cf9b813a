import { describe, expect, it } from '@jest/globals';
import { formatEnd, formatStart, parseEnd, parseStart } from './crm-validity.js';

describe('crm role validity dates', () => {
  it('reads a start date as midnight in Asia/Jakarta and answers it as the same date', () => {
    const start = parseStart('2025-06-18');
    expect(start?.toISOString()).toBe('2025-06-17T17:00:00.000Z');
    expect(formatStart(start as Date)).toBe('2025-06-18');
  });

  it('keeps a role valid through its validUntil date and answers that date', () => {
    const end = parseEnd('2025-09-17');
    expect(end?.toISOString()).toBe('2025-09-17T17:00:00.000Z');
    expect(formatEnd(end as Date)).toBe('2025-09-17');
    expect(formatEnd(null)).toBeNull();
  });

  it('accepts date-times with or without a zone and answers them in full', () => {
    expect(parseEnd('2025-09-17T10:15:30.250Z')?.toISOString()).toBe('2025-09-17T10:15:30.250Z');
    expect(parseStart('2025-09-17T10:15')?.toISOString()).toBe('2025-09-17T03:15:00.000Z');
    expect(formatEnd(new Date('2025-09-17T10:15:30.250Z'))).toBe('2025-09-17T10:15:30.250Z');
  });

  it('refuses impossible dates and other text', () => {
    for (const text of ['2025-02-30', '17-09-2025', 'besok', '2025-13-01T00:00:00Z']) {
      expect([text, parseStart(text), parseEnd(text)]).toEqual([text, null, null]);
    }
  });
});
