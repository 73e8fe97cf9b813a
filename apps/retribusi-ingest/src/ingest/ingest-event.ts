import { RETRIBUSI_CATEGORIES, RETRIBUSI_INGEST_BATCH_LIMIT, type RetribusiCategory } from '@gerbang/contracts';
import { CODE_MESSAGE, isCalendarDate, isCode, zonedToUnix } from '@gerbang/retribusi';

/** One validated event from a gate. */
export interface IngestEvent {
  timestamp: number;
  locationCode: string;
  gateCode: string;
  category: RetribusiCategory;
  /** The gate's own id for the event; a repeat from the same gate is stored once. */
  eventId?: string;
}

/** field -> message, the shape the document's 422 shows. */
export type FieldMessages = Record<string, string>;

export type ParsedEvent = { ok: true; event: IngestEvent } | { ok: false; fields: FieldMessages };

/** 2000-01-01: anything earlier is a gate with an unset clock, not a real entry. */
export const EARLIEST_TIMESTAMP = 946_684_800;
/** Gates' clocks drift; an event more than a day ahead is refused rather than counted on a future day. */
export const MAX_FUTURE_SECONDS = 86_400;
export const MAX_EVENT_ID_LENGTH = 190;

const PRINTABLE = /^[\x21-\x7e]+$/;
/** The document's datetime format, "YYYY-MM-DD HH:MM:SS", read on the business time zone's wall clock. */
const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const TIMESTAMP_MESSAGE = 'Must be a Unix timestamp in seconds (integer) or a datetime YYYY-MM-DD HH:MM:SS';

/**
 * Validates an ingest body by hand (this runs for every event, thousands a second) and
 * reports every invalid field. `timestamp` is Unix seconds, as a number or a digit string, or
 * the document's datetime "YYYY-MM-DD HH:MM:SS" on the wall clock of `timeZone`.
 */
export function parseIngestEvent(body: unknown, nowSeconds: number, timeZone: string): ParsedEvent {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, fields: { body: 'Body must be a JSON object' } };
  const input = body as Record<string, unknown>;
  const fields: FieldMessages = {};

  const timestamp = parseTimestamp(input.timestamp, nowSeconds, timeZone);
  if (typeof timestamp === 'string') fields.timestamp = timestamp;

  for (const name of ['location_code', 'gate_code'] as const) {
    const value = input[name];
    if (value === undefined || value === null || value === '') fields[name] = 'Field is required';
    else if (!isCode(value)) fields[name] = CODE_MESSAGE;
  }

  const category = input.category;
  if (category === undefined || category === null || category === '') fields.category = 'Field is required';
  else if (typeof category !== 'string' || !(RETRIBUSI_CATEGORIES as readonly string[]).includes(category)) {
    fields.category = `Must be one of: ${RETRIBUSI_CATEGORIES.join(', ')}`;
  }

  let eventId: string | undefined;
  if (input.event_id !== undefined && input.event_id !== null) {
    eventId = typeof input.event_id === 'number' && Number.isSafeInteger(input.event_id) ? String(input.event_id) : (input.event_id as string);
    if (!isIdempotencyKey(eventId)) fields.event_id = `Must be 1-${MAX_EVENT_ID_LENGTH} printable characters without spaces`;
  }

  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return {
    ok: true,
    event: {
      timestamp: timestamp as number,
      locationCode: input.location_code as string,
      gateCode: input.gate_code as string,
      category: category as RetribusiCategory,
      ...(eventId !== undefined ? { eventId } : {}),
    },
  };
}

function parseTimestamp(value: unknown, nowSeconds: number, timeZone: string): number | string {
  if (value === undefined || value === null || value === '') return 'Field is required';
  const seconds =
    typeof value === 'number' ? value : typeof value !== 'string' ? NaN : /^\d{1,12}$/.test(value) ? Number(value) : wallClockSeconds(value, timeZone);
  if (!Number.isSafeInteger(seconds)) return TIMESTAMP_MESSAGE;
  if (seconds > 100_000_000_000) return 'Must be in seconds, not milliseconds';
  if (seconds < EARLIEST_TIMESTAMP) return 'Must be a Unix timestamp in seconds after 2000-01-01';
  if (seconds > nowSeconds + MAX_FUTURE_SECONDS) return 'Must not be more than one day in the future';
  return seconds;
}

/** "YYYY-MM-DD HH:MM:SS" in the zone as Unix seconds; NaN for any other string or an impossible date or time. */
function wallClockSeconds(value: string, timeZone: string): number {
  const match = WALL_CLOCK.exec(value);
  if (!match || !isCalendarDate(match[1] as string)) return NaN;
  const [hour, minute, second] = [Number(match[2]), Number(match[3]), Number(match[4])];
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  return zonedToUnix(match[1] as string, hour * 3600 + minute * 60 + second, timeZone);
}

/** event_id and Idempotency-Key: printable ASCII, no spaces, at most 190 characters. */
export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_EVENT_ID_LENGTH && PRINTABLE.test(value);
}

export type ParsedBatch = { ok: true; events: unknown[] } | { ok: false; fields: FieldMessages };

/** The batch envelope `{events: [...]}` with 1 to 1,000 events; each event is parsed on its own. */
export function parseBatchEnvelope(body: unknown, limit = RETRIBUSI_INGEST_BATCH_LIMIT): ParsedBatch {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, fields: { body: 'Body must be a JSON object' } };
  const events = (body as Record<string, unknown>).events;
  if (events === undefined || events === null) return { ok: false, fields: { events: 'Field is required' } };
  if (!Array.isArray(events)) return { ok: false, fields: { events: 'Must be an array of events' } };
  if (events.length === 0) return { ok: false, fields: { events: 'Must contain at least 1 event' } };
  if (events.length > limit) return { ok: false, fields: { events: `Must contain at most ${limit} events` } };
  return { ok: true, events };
}

/**
 * The key that makes an event count once per gate: the event's own event_id, else the
 * request's Idempotency-Key (suffixed with the event's index inside a batch), else none.
 */
export function eventKeyFor(event: IngestEvent, idempotencyKey: string | undefined, batchIndex?: number): string | undefined {
  if (event.eventId !== undefined) return `id:${event.eventId}`;
  if (idempotencyKey === undefined) return undefined;
  return batchIndex === undefined ? `key:${idempotencyKey}` : `key:${idempotencyKey}#${batchIndex}`;
}
