import { REALTIME_STREAM_LOCATION_CODE, type FieldError } from '@gerbang/contracts';

export interface StreamQuery {
  /** Resume after this id; null: live from now. */
  lastId: number | null;
  /** Only this location's events; null: every location. */
  locationCode: string | null;
}

export type StreamQueryOutcome = ({ ok: true } & StreamQuery) | { ok: false; fields: FieldError[] };

const ID = /^\d{1,16}$/;

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value)?.trim();

/**
 * Reads the stream's resume point and filter. Last-Event-ID wins over the query: EventSource
 * sends it on every reconnect while the URL still carries the `last_id` of the first connect.
 * `lastEventId` is the query spelling of EventSource polyfills that cannot send headers.
 * Empty values mean "not given".
 */
export function parseStreamQuery(query: Record<string, string | string[] | undefined>, lastEventIdHeader: string | string[] | undefined): StreamQueryOutcome {
  const fields: FieldError[] = [];
  const candidates: Array<[string, string | undefined]> = [
    ['Last-Event-ID', first(lastEventIdHeader)],
    ['lastEventId', first(query['lastEventId'])],
    ['last_id', first(query['last_id'])],
  ];
  let lastId: number | null = null;
  for (const [field, value] of candidates) {
    if (!value) continue;
    const id = ID.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(id)) {
      fields.push({ field, message: 'Must be a non-negative integer event id', constraint: 'isInt', value });
      break;
    }
    lastId = id;
    break;
  }
  const locationCode = first(query['location_code']) || null;
  if (locationCode !== null && !REALTIME_STREAM_LOCATION_CODE.test(locationCode)) {
    fields.push({ field: 'location_code', message: 'Invalid location code', constraint: 'matches', value: locationCode.slice(0, 100) });
  }
  return fields.length > 0 ? { ok: false, fields } : { ok: true, lastId, locationCode };
}
