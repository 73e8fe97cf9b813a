import { Inject, Injectable } from '@nestjs/common';
import { RETRIBUSI_CONFIG, type RetribusiConfig } from '../config/retribusi.config.js';
import { SqlPool } from '@gerbang/retribusi';

/** What ingest needs to know about a (location, gate, category): its price, or what is missing. */
export type TariffResolution = { found: true; price: number } | { found: false; missing: 'location' | 'gate' | 'tariff' };

interface Entry {
  expiresAt: number;
  value: Promise<TariffResolution>;
}

/** Past this many keys the cache starts over rather than grow without bound. */
const MAX_ENTRIES = 50_000;

const LOOKUP = {
  name: 'retribusi_resolve_tariff',
  text: `SELECT l."is_active" AS location_active, g."is_active" AS gate_active, t."price"
           FROM "retribusi"."locations" l
           LEFT JOIN "retribusi"."gates" g ON g."location_code" = l."code" AND g."gate_code" = $2
           LEFT JOIN "retribusi"."tariffs" t ON t."location_code" = g."location_code" AND t."gate_code" = g."gate_code" AND t."category" = $3
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
    const result = await this.sql.query<{ location_active: number; gate_active: number | null; price: number | null }>({
      ...LOOKUP,
      values: [locationCode, gateCode, category],
    });
    const row = result.rows[0];
    if (!row || row.location_active !== 1) return { found: false, missing: 'location' };
    if (row.gate_active !== 1) return { found: false, missing: 'gate' };
    if (row.price === null) return { found: false, missing: 'tariff' };
    return { found: true, price: row.price };
  }
}
