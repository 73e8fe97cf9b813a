import { Inject, Injectable } from '@nestjs/common';
import { RETRIBUSI_CONFIG, type RetribusiConfig } from '../config/retribusi.config.js';
import { SqlPool } from '@gerbang/retribusi';

/**
 * The prices a tariff has had, oldest first: `prices[i]` holds from `from[i]` (Unix seconds;
 * the first from -Infinity) until the next one starts.
 */
export interface PriceSchedule {
  from: number[];
  prices: number[];
}

/** What ingest needs to know about a (location, gate, category): its price schedule, or what is missing. */
export type TariffResolution = { found: true; schedule: PriceSchedule } | { found: false; missing: 'location' | 'gate' | 'tariff' };

/** The price in force at `eventTime` (Unix seconds); before the first change, the first price. */
export function priceAt(schedule: PriceSchedule, eventTime: number): number {
  let index = schedule.prices.length - 1;
  while (index > 0 && (schedule.from[index] as number) > eventTime) index -= 1;
  return schedule.prices[index] as number;
}

interface Entry {
  expiresAt: number;
  value: Promise<TariffResolution>;
}

/** Past this many keys the cache starts over rather than grow without bound. */
const MAX_ENTRIES = 50_000;

const LOOKUP = {
  name: 'retribusi_resolve_tariff',
  text: `SELECT l."is_active" AS location_active, g."is_active" AS gate_active, t."price",
                p."from", p."prices"
           FROM "retribusi"."locations" l
           LEFT JOIN "retribusi"."gates" g ON g."location_code" = l."code" AND g."gate_code" = $2
           LEFT JOIN "retribusi"."tariffs" t ON t."location_code" = g."location_code" AND t."gate_code" = g."gate_code" AND t."category" = $3
           LEFT JOIN LATERAL (
             SELECT array_agg(extract(epoch FROM h."effective_from")::float8 ORDER BY h."effective_from") AS "from",
                    array_agg(h."price" ORDER BY h."effective_from") AS "prices"
               FROM "retribusi"."tariff_prices" h
              WHERE h."location_code" = t."location_code" AND h."gate_code" = t."gate_code" AND h."category" = t."category"
           ) p ON true
          WHERE l."code" = $1`,
};

/**
 * Ingest's lookup of location, gate and tariff in one query, remembered briefly so a busy
 * gate costs one INSERT per event. Concurrent misses for one key share a single query.
 * This replica's master-data writes clear it at once; other replicas' writes show within
 * MASTER_DATA_CACHE_TTL_MS.
 */
@Injectable()
export class MasterDataCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;

  constructor(
    private readonly sql: SqlPool,
    @Inject(RETRIBUSI_CONFIG) private readonly config: RetribusiConfig,
  ) {}

  resolve(locationCode: string, gateCode: string, category: string): Promise<TariffResolution> {
    const key = `${locationCode}\u0000${gateCode}\u0000${category}`;
    const now = Date.now();
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > now) return cached.value;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const generation = this.generation;
    const value = this.lookup(locationCode, gateCode, category);
    const entry = { expiresAt: now + this.config.MASTER_DATA_CACHE_TTL_MS, value };
    this.entries.set(key, entry);
    // A failed lookup is not remembered, and neither is one that raced a write.
    value.then(
      () => {
        if (generation !== this.generation && this.entries.get(key) === entry) this.entries.delete(key);
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return value;
  }

  /** Called after every committed master-data write. */
  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
  }

  private async lookup(locationCode: string, gateCode: string, category: string): Promise<TariffResolution> {
    const result = await this.sql.query<{
      location_active: number;
      gate_active: number | null;
      price: number | null;
      from: number[] | null;
      prices: number[] | null;
    }>({
      ...LOOKUP,
      values: [locationCode, gateCode, category],
    });
    const row = result.rows[0];
    if (!row || row.location_active !== 1) return { found: false, missing: 'location' };
    if (row.gate_active !== 1) return { found: false, missing: 'gate' };
    if (row.price === null) return { found: false, missing: 'tariff' };
    // The history trigger gives every tariff at least its first price; the current one stands in otherwise.
    const schedule = row.from && row.prices ? { from: row.from, prices: row.prices } : { from: [-Infinity], prices: [row.price] };
    return { found: true, schedule };
  }
}
