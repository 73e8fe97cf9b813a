import { describe, expect, it } from '@jest/globals';
import { RETRIBUSI_INGEST_BATCH_LIMIT } from '@gerbang/contracts';
import { eventKeyFor, isIdempotencyKey, parseBatchEnvelope, parseIngestEvent } from './ingest-event.js';

const ZONE = 'Asia/Jakarta';
/** 2025-12-17 19:33:20 UTC, 2025-12-18 02:33:20 in Jakarta (UTC+7). */
const now = 1_766_000_000;
const valid = { timestamp: now - 60, location_code: 'kerkof_01', gate_code: 'gate01', category: 'motor' };

describe('ingest event', () => {
  it('accepts the document example and a digit-string timestamp', () => {
    expect(parseIngestEvent(valid, now, ZONE)).toEqual({
      ok: true,
      event: { timestamp: now - 60, locationCode: 'kerkof_01', gateCode: 'gate01', category: 'motor' },
    });
    expect(parseIngestEvent({ ...valid, timestamp: String(now) }, now, ZONE)).toMatchObject({ ok: true, event: { timestamp: now } });
    expect(parseIngestEvent({ ...valid, event_id: 12345 }, now, ZONE)).toMatchObject({ ok: true, event: { eventId: '12345' } });
  });

  it("accepts the document's datetime format on the business time zone's wall clock", () => {
    // 2025-12-18 00:30:00 WIB is 2025-12-17 17:30:00 UTC.
    const halfPastMidnight = Date.UTC(2025, 11, 17, 17, 30, 0) / 1000;
    expect(parseIngestEvent({ ...valid, timestamp: '2025-12-18 00:30:00' }, now, ZONE)).toMatchObject({ ok: true, event: { timestamp: halfPastMidnight } });
    expect(parseIngestEvent({ ...valid, timestamp: '2025-12-18 00:30:00' }, now, 'UTC')).toMatchObject({
      ok: true,
      event: { timestamp: halfPastMidnight + 7 * 3600 },
    });
    expect(parseIngestEvent({ ...valid, timestamp: '2025-12-17 23:59:59' }, now, ZONE)).toMatchObject({
      ok: true,
      event: { timestamp: halfPastMidnight - 1801 },
    });
  });

  it.each(['2025-02-30 10:00:00', '2025-12-17 24:00:00', '2025-12-17 10:60:00', '2025-12-17T10:00:00', '2025-12-17 10:00', '17 Dec 2025'])(
    'refuses the datetime %j',
    (timestamp) => {
      expect(parseIngestEvent({ ...valid, timestamp }, now, ZONE)).toEqual({
        ok: false,
        fields: { timestamp: 'Must be a Unix timestamp in seconds (integer) or a datetime YYYY-MM-DD HH:MM:SS' },
      });
    },
  );

  it('applies the same bounds to a datetime as to a Unix timestamp', () => {
    expect(parseIngestEvent({ ...valid, timestamp: '1999-12-31 23:59:59' }, now, ZONE)).toMatchObject({
      ok: false,
      fields: { timestamp: expect.stringContaining('2000-01-01') },
    });
    expect(parseIngestEvent({ ...valid, timestamp: '2025-12-20 00:00:00' }, now, ZONE)).toEqual({
      ok: false,
      fields: { timestamp: 'Must not be more than one day in the future' },
    });
  });

  it('reports every missing field as required', () => {
    expect(parseIngestEvent({}, now, ZONE)).toEqual({
      ok: false,
      fields: { timestamp: 'Field is required', location_code: 'Field is required', gate_code: 'Field is required', category: 'Field is required' },
    });
    expect(parseIngestEvent([], now, ZONE)).toEqual({ ok: false, fields: { body: 'Body must be a JSON object' } });
    expect(parseIngestEvent(null, now, ZONE)).toEqual({ ok: false, fields: { body: 'Body must be a JSON object' } });
  });

  it.each([
    [{ timestamp: 1.5 }, 'timestamp'],
    [{ timestamp: '17031234x6' }, 'timestamp'],
    [{ timestamp: now * 1000 }, 'timestamp'],
    [{ timestamp: 12 }, 'timestamp'],
    [{ timestamp: now + 2 * 86_400 }, 'timestamp'],
    [{ location_code: 'kerkof 01' }, 'location_code'],
    [{ gate_code: 42 }, 'gate_code'],
    [{ category: 'truck' }, 'category'],
    [{ event_id: 'has space' }, 'event_id'],
    [{ event_id: 'x'.repeat(191) }, 'event_id'],
  ])('refuses %j on %s', (change, field) => {
    const result = parseIngestEvent({ ...valid, ...change }, now, ZONE);
    expect(result.ok).toBe(false);
    expect(Object.keys((result as { fields: object }).fields)).toEqual([field]);
  });

  it('tells seconds from milliseconds', () => {
    expect(parseIngestEvent({ ...valid, timestamp: now * 1000 }, now, ZONE)).toEqual({
      ok: false,
      fields: { timestamp: 'Must be in seconds, not milliseconds' },
    });
  });
});

describe('batch limits', () => {
  it('takes 1 to 1,000 events', () => {
    expect(RETRIBUSI_INGEST_BATCH_LIMIT).toBe(1000);
    expect(parseBatchEnvelope({ events: [valid] })).toEqual({ ok: true, events: [valid] });
    expect(parseBatchEnvelope({ events: new Array(1000).fill(valid) })).toMatchObject({ ok: true });
    expect(parseBatchEnvelope({ events: new Array(1001).fill(valid) })).toEqual({ ok: false, fields: { events: 'Must contain at most 1000 events' } });
    expect(parseBatchEnvelope({ events: [] })).toEqual({ ok: false, fields: { events: 'Must contain at least 1 event' } });
    expect(parseBatchEnvelope({})).toEqual({ ok: false, fields: { events: 'Field is required' } });
    expect(parseBatchEnvelope({ events: valid })).toEqual({ ok: false, fields: { events: 'Must be an array of events' } });
    expect(parseBatchEnvelope([valid])).toEqual({ ok: false, fields: { body: 'Body must be a JSON object' } });
  });
});

describe('idempotency keys', () => {
  const event = { timestamp: now, locationCode: 'kerkof_01', gateCode: 'gate01', category: 'motor' as const };

  it('prefers the event_id, then the Idempotency-Key, then none', () => {
    expect(eventKeyFor({ ...event, eventId: 'e-1' }, 'header-key')).toBe('id:e-1');
    expect(eventKeyFor(event, 'header-key')).toBe('key:header-key');
    expect(eventKeyFor(event, undefined)).toBeUndefined();
  });

  it('gives each event of a keyed batch its own key', () => {
    expect(eventKeyFor(event, 'batch-7', 0)).toBe('key:batch-7#0');
    expect(eventKeyFor(event, 'batch-7', 999)).toBe('key:batch-7#999');
    expect(eventKeyFor({ ...event, eventId: 'own' }, 'batch-7', 3)).toBe('id:own');
  });

  it('accepts printable keys up to 190 characters', () => {
    expect(isIdempotencyKey('9f8b7c1e-2a34-4d56-8e90-123456789abc')).toBe(true);
    expect(isIdempotencyKey('x'.repeat(190))).toBe(true);
    for (const value of ['', 'x'.repeat(191), 'with space', 'tab\tkey', 'ümlaut', 7]) expect(isIdempotencyKey(value)).toBe(false);
  });
});
