import { describe, expect, it } from '@jest/globals';
import { RETRIBUSI_INGEST_BATCH_LIMIT } from '@gerbang/contracts';
import { eventKeyFor, isIdempotencyKey, parseBatchEnvelope, parseIngestEvent } from './ingest-event.js';

const now = 1_766_000_000;
const valid = { timestamp: now - 60, location_code: 'kerkof_01', gate_code: 'gate01', category: 'motor' };

describe('ingest event', () => {
  it('accepts the document example and a digit-string timestamp', () => {
    expect(parseIngestEvent(valid, now)).toEqual({
      ok: true,
      event: { timestamp: now - 60, locationCode: 'kerkof_01', gateCode: 'gate01', category: 'motor' },
    });
    expect(parseIngestEvent({ ...valid, timestamp: String(now) }, now)).toMatchObject({ ok: true, event: { timestamp: now } });
    expect(parseIngestEvent({ ...valid, event_id: 12345 }, now)).toMatchObject({ ok: true, event: { eventId: '12345' } });
  });

  it('reports every missing field as required', () => {
    expect(parseIngestEvent({}, now)).toEqual({
      ok: false,
      fields: { timestamp: 'Field is required', location_code: 'Field is required', gate_code: 'Field is required', category: 'Field is required' },
    });
    expect(parseIngestEvent([], now)).toEqual({ ok: false, fields: { body: 'Body must be a JSON object' } });
    expect(parseIngestEvent(null, now)).toEqual({ ok: false, fields: { body: 'Body must be a JSON object' } });
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
    const result = parseIngestEvent({ ...valid, ...change }, now);
    expect(result.ok).toBe(false);
    expect(Object.keys((result as { fields: object }).fields)).toEqual([field]);
  });

  it('tells seconds from milliseconds', () => {
    expect(parseIngestEvent({ ...valid, timestamp: now * 1000 }, now)).toEqual({ ok: false, fields: { timestamp: 'Must be in seconds, not milliseconds' } });
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
