import { describe, expect, it } from '@jest/globals';
import { REPLAY_DEFAULT_LIMIT, REPLAY_MAX_LIMIT, replayLimit, replayReply, snapshotDate, toListItem, toRealtimeEvent } from './realtime-query.js';

const event = (id: number) => ({ id, location_code: 'kerkof_01', gate_code: 'gate01', category: 'motor', event_time: 1703123456 + id });

describe('replay', () => {
  it('defaults the limit and caps it', () => {
    expect(replayLimit(undefined)).toBe(REPLAY_DEFAULT_LIMIT);
    expect(replayLimit(3)).toBe(3);
    expect(replayLimit(REPLAY_MAX_LIMIT + 1)).toBe(REPLAY_MAX_LIMIT);
  });

  it('answers at most limit events and says when more exist', () => {
    const row = { oldest_id: '4', latest_id: '90', events: [event(5), event(6), event(7)] };
    expect(replayReply(row, 2)).toEqual({ events: [event(5), event(6)], oldestId: 4, latestId: 90, hasMore: true });
    expect(replayReply(row, 3)).toEqual({ events: [event(5), event(6), event(7)], oldestId: 4, latestId: 90, hasMore: false });
  });

  it('reports an empty table as oldestId null and latestId 0', () => {
    expect(replayReply({ oldest_id: null, latest_id: null, events: [] }, 500)).toEqual({ events: [], oldestId: null, latestId: 0, hasMore: false });
  });
});

describe('events list', () => {
  it('shows rows as the document does: Unix event_time, a count delta of 1, created_at as text', () => {
    const row = {
      id: '12345',
      location_code: 'kerkof_01',
      gate_code: 'gate01',
      category: 'motor',
      event_time: '1703123456',
      created_at: '2025-01-17 10:30:01',
    };
    expect(toListItem(row)).toEqual({
      id: 12345,
      location_code: 'kerkof_01',
      gate_code: 'gate01',
      category: 'motor',
      event_time: 1703123456,
      total_count_delta: 1,
      created_at: '2025-01-17 10:30:01',
    });
    expect(toRealtimeEvent(row)).toEqual({ id: 12345, location_code: 'kerkof_01', gate_code: 'gate01', category: 'motor', event_time: 1703123456 });
  });
});

describe('snapshot date', () => {
  // 2025-01-17 18:00 UTC is already 2025-01-18 01:00 in Jakarta.
  const now = Date.UTC(2025, 0, 17, 18) / 1000;

  it('is today in the business zone unless given', () => {
    expect(snapshotDate({}, now, 'Asia/Jakarta')).toBe('2025-01-18');
    expect(snapshotDate({}, now, 'UTC')).toBe('2025-01-17');
    expect(snapshotDate({ date: '2024-12-31' }, now, 'Asia/Jakarta')).toBe('2024-12-31');
  });

  it('refuses a date not in YYYY-MM-DD with a 422 on date', () => {
    expect(() => snapshotDate({ date: '2025-13-01' }, now, 'Asia/Jakarta')).toThrow(
      expect.objectContaining({ code: 'validation_failed', fields: [{ field: 'date', message: 'Must be a date in format YYYY-MM-DD' }] }),
    );
  });
});
