import { Injectable } from '@nestjs/common';
import { invalidField, notFound, validationFailed } from '@gerbang/retribusi';
import { MasterDataCache, type TariffResolution } from '../master-data/master-data-cache.js';
import { EntryEventStore, type NewEntryEvent } from './entry-event.store.js';
import { IngestBatcher } from './ingest-batcher.js';
import { eventKeyFor, isIdempotencyKey, parseBatchEnvelope, parseIngestEvent, type FieldMessages, type IngestEvent } from './ingest-event.js';

export interface IngestReply {
  stored: true;
  /** Present when the event repeats one already stored (same event_id or Idempotency-Key). */
  duplicate?: true;
}

export type BatchItemResult =
  | { index: number; stored: true; duplicate?: true }
  | { index: number; stored: false; error: { code: 'validation_error' | 'not_found'; message: string; fields?: FieldMessages } };

export interface BatchReply {
  results: BatchItemResult[];
  stored: number;
  duplicates: number;
  failed: number;
}

const MISSING_MESSAGE: Record<Exclude<TariffResolution, { found: true }>['missing'], string> = {
  location: 'Location not found',
  gate: 'Gate not found',
  tariff: 'Tariff not found',
};

export interface IngestContext {
  /** The request's Idempotency-Key header, if any. */
  idempotencyKey: string | undefined;
  sourceIp: string | null;
}

/**
 * Ingest: validate, price the event from the cached tariff, and store it with its outbox row
 * in one statement (shared with concurrent events, see IngestBatcher). The answer goes out
 * only after that commit; the relay publishes the row as it is handed over.
 */
@Injectable()
export class IngestService {
  constructor(
    private readonly masterData: MasterDataCache,
    private readonly store: EntryEventStore,
    private readonly batcher: IngestBatcher,
  ) {}

  async submit(body: unknown, context: IngestContext): Promise<IngestReply> {
    const parsed = parseIngestEvent(body, nowSeconds());
    if (!parsed.ok) throw validationFailed(Object.entries(parsed.fields).map(([field, message]) => ({ field, message })));
    const event = parsed.event;
    const resolution = await this.masterData.resolve(event.locationCode, event.gateCode, event.category);
    if (!resolution.found) throw notFound(MISSING_MESSAGE[resolution.missing]);
    const storedNow = await this.batcher.store1(toNewEvent(event, resolution.price, eventKeyFor(event, context.idempotencyKey), context.sourceIp));
    return storedNow ? { stored: true } : { stored: true, duplicate: true };
  }

  /** Up to 1,000 events; each gets its own result, and the valid ones are stored in one statement. */
  async submitBatch(body: unknown, context: IngestContext): Promise<BatchReply> {
    const envelope = parseBatchEnvelope(body);
    if (!envelope.ok) throw validationFailed(Object.entries(envelope.fields).map(([field, message]) => ({ field, message })));
    const now = nowSeconds();
    const results: BatchItemResult[] = new Array(envelope.events.length);
    const parsed = envelope.events.map((item) => parseIngestEvent(item, now));
    const resolutions = await Promise.all(
      parsed.map((item) => (item.ok ? this.masterData.resolve(item.event.locationCode, item.event.gateCode, item.event.category) : null)),
    );

    const toStore: Array<{ index: number; event: NewEntryEvent }> = [];
    const firstOfKey = new Set<string>();
    parsed.forEach((item, index) => {
      if (!item.ok) {
        results[index] = { index, stored: false, error: { code: 'validation_error', message: 'Validation failed', fields: item.fields } };
        return;
      }
      const resolution = resolutions[index] as TariffResolution;
      if (!resolution.found) {
        results[index] = { index, stored: false, error: { code: 'not_found', message: MISSING_MESSAGE[resolution.missing] } };
        return;
      }
      const event = toNewEvent(item.event, resolution.price, eventKeyFor(item.event, context.idempotencyKey, index), context.sourceIp);
      // A key repeated inside the batch counts once: the first occurrence is stored, the rest are repeats.
      if (event.eventKey !== undefined) {
        const scoped = `${event.locationCode}\u0000${event.gateCode}\u0000${event.eventKey}`;
        if (firstOfKey.has(scoped)) {
          results[index] = { index, stored: true, duplicate: true };
          return;
        }
        firstOfKey.add(scoped);
      }
      toStore.push({ index, event });
    });

    const outcomes = await this.store.insertMany(toStore.map((item) => item.event));
    toStore.forEach((item, position) => {
      results[item.index] = outcomes[position] ? { index: item.index, stored: true } : { index: item.index, stored: true, duplicate: true };
    });

    const duplicates = results.filter((result) => result.stored && result.duplicate).length;
    const failed = results.filter((result) => !result.stored).length;
    return { results, stored: results.length - failed - duplicates, duplicates, failed };
  }
}

/** The Idempotency-Key header, validated like an event_id. */
export function idempotencyKeyFrom(headers: Record<string, string> | undefined): string | undefined {
  const value = headers?.['idempotency-key'];
  if (value === undefined || value === '') return undefined;
  if (!isIdempotencyKey(value)) throw invalidField('Idempotency-Key', 'Must be 1-190 printable characters without spaces');
  return value;
}

function toNewEvent(event: IngestEvent, price: number, eventKey: string | undefined, sourceIp: string | null): NewEntryEvent {
  return { locationCode: event.locationCode, gateCode: event.gateCode, category: event.category, eventTime: event.timestamp, price, eventKey, sourceIp };
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
