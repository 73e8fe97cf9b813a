import { Inject, Injectable } from '@nestjs/common';
import { conflict, invalidField, notFound, validationFailed } from '@gerbang/retribusi';
import { RETRIBUSI_CONFIG, type RetribusiConfig } from '../config/retribusi.config.js';
import { MasterDataCache, priceAt, type TariffResolution } from '../master-data/master-data-cache.js';
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
  | { index: number; stored: false; error: { code: 'validation_error' | 'not_found' | 'conflict'; message: string; fields?: FieldMessages } };

/** A key (event_id or Idempotency-Key) sent again with another category or timestamp: the gate reuses ids, and neither event may be dropped silently. */
const KEY_CONFLICT_MESSAGE = 'Event id already used for a different event';

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
    @Inject(RETRIBUSI_CONFIG) private readonly config: RetribusiConfig,
    private readonly masterData: MasterDataCache,
    private readonly store: EntryEventStore,
    private readonly batcher: IngestBatcher,
  ) {}

  async submit(body: unknown, context: IngestContext): Promise<IngestReply> {
    const parsed = parseIngestEvent(body, nowSeconds(), this.config.BUSINESS_TIMEZONE);
    if (!parsed.ok) throw validationFailed(Object.entries(parsed.fields).map(([field, message]) => ({ field, message })));
    const event = parsed.event;
    const resolution = await this.masterData.resolve(event.locationCode, event.gateCode, event.category);
    if (!resolution.found) throw notFound(MISSING_MESSAGE[resolution.missing]);
    const price = priceAt(resolution.schedule, event.timestamp);
    const outcome = await this.batcher.store1(toNewEvent(event, price, eventKeyFor(event, context.idempotencyKey), context.sourceIp));
    if (outcome === 'conflict') throw conflict(KEY_CONFLICT_MESSAGE);
    return outcome === 'stored' ? { stored: true } : { stored: true, duplicate: true };
  }

  /** Up to 1,000 events; each gets its own result, and the valid ones are stored in one statement. */
  async submitBatch(body: unknown, context: IngestContext): Promise<BatchReply> {
    const envelope = parseBatchEnvelope(body);
    if (!envelope.ok) throw validationFailed(Object.entries(envelope.fields).map(([field, message]) => ({ field, message })));
    const now = nowSeconds();
    const results: BatchItemResult[] = new Array(envelope.events.length);
    const parsed = envelope.events.map((item) => parseIngestEvent(item, now, this.config.BUSINESS_TIMEZONE));
    const resolutions = await Promise.all(
      parsed.map((item) => (item.ok ? this.masterData.resolve(item.event.locationCode, item.event.gateCode, item.event.category) : null)),
    );

    const toStore: Array<{ index: number; event: NewEntryEvent }> = [];
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
      const price = priceAt(resolution.schedule, item.event.timestamp);
      toStore.push({ index, event: toNewEvent(item.event, price, eventKeyFor(item.event, context.idempotencyKey, index), context.sourceIp) });
    });

    // A key repeated inside the batch counts once: the store answers the later ones as repeats, or conflicts.
    const outcomes = await this.store.insertMany(toStore.map((item) => item.event));
    toStore.forEach(({ index }, position) => {
      const outcome = outcomes[position];
      results[index] =
        outcome === 'stored'
          ? { index, stored: true }
          : outcome === 'conflict'
            ? { index, stored: false, error: { code: 'conflict', message: KEY_CONFLICT_MESSAGE } }
            : { index, stored: true, duplicate: true };
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
