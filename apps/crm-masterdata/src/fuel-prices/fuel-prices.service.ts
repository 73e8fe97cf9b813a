import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CRM_FUEL_PRICE_PERIODS, type FieldError } from '@gerbang/contracts';
import type { EntityManager } from 'typeorm';
import { bodyRecord, digitsToNumber, validateBody, withAliases } from '../common/body.js';
import { invalid } from '../common/errors.js';
import { integerFilter, type Query } from '../common/list-query.js';
import { RecordService, type PreparedWrite } from '../common/record-service.js';
import type { RecordSpec, Row } from '../common/record-store.js';
import { SqlParams } from '../common/sql.js';
import { STAMP_COLUMNS, STAMP_SORT, stamps } from '../common/views.js';
import { FuelPriceBody, type FuelPriceItemBody } from './dto/fuel-price.dto.js';

export interface FuelPriceView {
  id: string;
  period: number;
  month: number;
  year: number;
  fuelPrice?: Array<{ id: string; fuelType: string; area1: number; area2: number; area3: number; area4: number }>;
  createdAt: string;
  updatedAt: string;
}

export const FUEL_PRICES: RecordSpec<FuelPriceView> = {
  table: 'fuel_price_references',
  entity: 'fuel-price',
  label: 'Referensi harga BBM',
  columns: `t."id", t."period", t."month", t."year", ${STAMP_COLUMNS}`,
  detailColumns: `(SELECT coalesce(json_agg(json_build_object('id', f."id", 'fuelType', f."fuel_type", 'area1', f."area1", 'area2', f."area2", 'area3', f."area3", 'area4', f."area4")
                            ORDER BY array_position(ARRAY['hsd', 'lsfo', 'hsfo']::varchar[], f."fuel_type")), '[]'::json)
                     FROM "crm"."fuel_prices" f WHERE f."reference_id" = t."id") AS "fuel_price"`,
  toView: (row: Row) => ({
    id: String(row.id),
    period: Number(row.period),
    month: Number(row.month),
    year: Number(row.year),
    ...(row.fuel_price ? { fuelPrice: row.fuel_price as FuelPriceView['fuelPrice'] } : {}),
    ...stamps(row),
  }),
  sortable: { period: 't."period"', month: 't."month"', year: 't."year"', ...STAMP_SORT },
  defaultSort: 't."year" DESC, t."month" DESC, t."period" DESC',
  uniques: [{ field: 'period', columns: ['year', 'month', 'period'], message: 'Referensi harga BBM untuk periode, bulan dan tahun tersebut sudah ada' }],
};

/** Fuel price references: per half month (period 1 or 2), the price of hsd, lsfo and hsfo in each area. */
@Injectable()
export class FuelPricesService extends RecordService<FuelPriceView> {
  protected readonly spec = FUEL_PRICES;

  protected filters(query: Query): SqlParams {
    return new SqlParams()
      .filter(integerFilter(query, 'period', 1, CRM_FUEL_PRICE_PERIODS.length), (value) => `t."period" = ${value}`)
      .filter(integerFilter(query, 'month', 1, 12), (value) => `t."month" = ${value}`)
      .filter(integerFilter(query, 'year', 1, 9999), (value) => `t."year" = ${value}`);
  }

  protected async prepare(raw: unknown): Promise<PreparedWrite> {
    const record = bodyRecord(raw);
    const aliased = bodyRecord(withAliases(record, { fuelPrice: ['fuelPrices'] }));
    const body = await validateBody(FuelPriceBody, {
      ...aliased,
      period: digitsToNumber(record.period),
      month: digitsToNumber(record.month),
      year: digitsToNumber(record.year),
    });
    // Three items, each of a different type, is exactly one of each of the three types.
    const seen = new Set<string>();
    const duplicates: FieldError[] = [];
    body.fuelPrice.forEach((item, index) => {
      if (seen.has(item.fuelType)) {
        duplicates.push({
          field: `fuelPrice.${index}.fuelType`,
          message: `fuelType ${item.fuelType} sudah ada di fuelPrice`,
          constraint: 'unique',
          value: item.fuelType,
        });
      }
      seen.add(item.fuelType);
    });
    if (duplicates.length > 0) throw invalid(duplicates);
    return {
      values: { period: body.period, month: body.month, year: body.year },
      options: { afterWrite: (manager, id) => replacePrices(manager, id, body.fuelPrice) },
    };
  }
}

/** The reference's prices become exactly `prices`; a fuel type kept keeps its id. */
async function replacePrices(manager: EntityManager, referenceId: string, prices: FuelPriceItemBody[]): Promise<void> {
  for (const price of prices) {
    await manager.query(
      `INSERT INTO "crm"."fuel_prices" ("id", "reference_id", "fuel_type", "area1", "area2", "area3", "area4") VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ("reference_id", "fuel_type") DO UPDATE SET "area1" = EXCLUDED."area1", "area2" = EXCLUDED."area2", "area3" = EXCLUDED."area3", "area4" = EXCLUDED."area4"`,
      [randomUUID(), referenceId, price.fuelType, price.area1, price.area2, price.area3, price.area4],
    );
  }
}
