import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CRM_EXCHANGE_REFERENCES } from '@gerbang/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { bodyRecord, digitsToNumber, validateBody, withAliases } from '../common/body.js';
import type { Actor } from '../common/caller.js';
import { invalid, notFound } from '../common/errors.js';
import { choiceFilter, integerFilter, type Query } from '../common/list-query.js';
import { RecordService, type PreparedWrite } from '../common/record-service.js';
import { RecordStore, type RecordSpec, type Row } from '../common/record-store.js';
import { isUuid, SqlParams } from '../common/sql.js';
import { numberOrNull, STAMP_COLUMNS, STAMP_SORT, stamps } from '../common/views.js';
import { ExchangeRateBody } from './dto/exchange-rate.dto.js';
import { dailyRateErrors, parsePeriodKey, periodAverage, periodKey } from './exchange-rate-rules.js';

export interface ExchangeRateView {
  id: string;
  /** The document's address of this reference, `{yyyy-mm-exchangeReference}`. */
  key: string;
  monthPeriod: number;
  yearPeriod: number;
  exchangeReference: string;
  /** The list's name of the average; the detail names it periodAverageRate: both are answered. */
  periodAverage: number | null;
  periodAverageRate: number | null;
  dailyRates?: Array<{ id: string; date: string; exchangeRate: number }>;
  createdAt: string;
  updatedAt: string;
}

const LABEL = 'Referensi exchange rate';

export const EXCHANGE_RATES: RecordSpec<ExchangeRateView> = {
  table: 'exchange_rate_references',
  entity: 'exchange-rate',
  label: LABEL,
  columns: `t."id", t."month_period", t."year_period", t."exchange_reference", t."period_average", ${STAMP_COLUMNS}`,
  detailColumns: `(SELECT coalesce(json_agg(json_build_object('id', d."id", 'date', to_char(d."date", 'YYYY-MM-DD'), 'exchangeRate', d."exchange_rate") ORDER BY d."date"), '[]'::json)
                     FROM "crm"."exchange_rate_daily_rates" d WHERE d."reference_id" = t."id") AS "daily_rates"`,
  toView: (row: Row) => ({
    id: String(row.id),
    key: periodKey(Number(row.year_period), Number(row.month_period), String(row.exchange_reference)),
    monthPeriod: Number(row.month_period),
    yearPeriod: Number(row.year_period),
    exchangeReference: String(row.exchange_reference),
    periodAverage: numberOrNull(row.period_average),
    periodAverageRate: numberOrNull(row.period_average),
    ...(row.daily_rates ? { dailyRates: row.daily_rates as ExchangeRateView['dailyRates'] } : {}),
    ...stamps(row),
  }),
  sortable: {
    monthPeriod: 't."month_period"',
    yearPeriod: 't."year_period"',
    exchangeReference: 't."exchange_reference"',
    periodAverage: 't."period_average"',
    ...STAMP_SORT,
  },
  defaultSort: 't."year_period" DESC, t."month_period" DESC, t."exchange_reference" ASC',
  uniques: [
    {
      field: 'exchangeReference',
      columns: ['year_period', 'month_period', 'exchange_reference'],
      message: 'Referensi exchange rate untuk periode dan exchangeReference tersebut sudah ada',
    },
  ],
};

interface DailyRate {
  date: string;
  exchangeRate: number;
}

/** Exchange rate references: a month's daily rates of one reference (JISDOR or BI rate) and their average. */
@Injectable()
export class ExchangeRatesService extends RecordService<ExchangeRateView> {
  protected readonly spec = EXCHANGE_RATES;

  constructor(
    store: RecordStore,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super(store);
  }

  protected filters(query: Query): SqlParams {
    return new SqlParams()
      .filter(integerFilter(query, 'month', 1, 12), (value) => `t."month_period" = ${value}`)
      .filter(integerFilter(query, 'year', 1, 9999), (value) => `t."year_period" = ${value}`)
      .filter(choiceFilter(query, ['exchangeReference'], Object.keys(CRM_EXCHANGE_REFERENCES)), (value) => `t."exchange_reference" = ${value}`);
  }

  override async get(key: string): Promise<ExchangeRateView> {
    return super.get(await this.resolve(key));
  }

  override async update(key: string, body: unknown, actor: Actor): Promise<ExchangeRateView> {
    return super.update(await this.resolve(key), body, actor);
  }

  protected async prepare(raw: unknown): Promise<PreparedWrite> {
    const record = bodyRecord(raw);
    const dailyRates = Array.isArray(record.dailyRates)
      ? record.dailyRates.map((item: unknown) => withAliases(item, { exchangeRate: ['midRate', 'rate'] }))
      : record.dailyRates;
    const reference = Object.keys(CRM_EXCHANGE_REFERENCES).find((name) => name.toLowerCase() === String(record.exchangeReference).toLowerCase());
    const body = await validateBody(ExchangeRateBody, {
      ...record,
      monthPeriod: digitsToNumber(record.monthPeriod),
      yearPeriod: digitsToNumber(record.yearPeriod),
      exchangeReference: reference ?? record.exchangeReference,
      dailyRates,
    });
    const errors = dailyRateErrors(
      body.yearPeriod,
      body.monthPeriod,
      body.dailyRates.map((rate) => rate.date),
    );
    if (errors.length > 0) throw invalid(errors);
    const rates = body.dailyRates.map((rate) => ({ date: rate.date, exchangeRate: rate.exchangeRate }));
    return {
      values: {
        month_period: body.monthPeriod,
        year_period: body.yearPeriod,
        exchange_reference: body.exchangeReference,
        period_average: periodAverage(rates.map((rate) => rate.exchangeRate)),
      },
      options: { afterWrite: (manager, id) => replaceDailyRates(manager, id, rates) },
    };
  }

  /** The id behind `{yyyy-mm-exchangeReference}` (or the id itself). */
  private async resolve(key: string): Promise<string> {
    if (isUuid(key)) return key;
    const period = parsePeriodKey(key);
    const rows = period
      ? ((await this.dataSource.query(
          `SELECT "id" FROM "crm"."exchange_rate_references" WHERE "year_period" = $1 AND "month_period" = $2 AND "exchange_reference" = $3`,
          [period.year, period.month, period.reference],
        )) as Row[])
      : [];
    if (rows.length === 0) throw notFound(LABEL);
    return String(rows[0]?.id);
  }
}

/** The reference's daily rates become exactly `rates`; a date kept keeps its id. */
async function replaceDailyRates(manager: EntityManager, referenceId: string, rates: DailyRate[]): Promise<void> {
  const dates = rates.map((rate) => rate.date);
  await manager.query(`DELETE FROM "crm"."exchange_rate_daily_rates" WHERE "reference_id" = $1 AND NOT ("date" = ANY($2::date[]))`, [referenceId, dates]);
  await manager.query(
    `INSERT INTO "crm"."exchange_rate_daily_rates" ("id", "reference_id", "date", "exchange_rate")
     SELECT item."id", $1, item."date", item."rate" FROM unnest($2::uuid[], $3::date[], $4::numeric[]) AS item("id", "date", "rate")
     ON CONFLICT ("reference_id", "date") DO UPDATE SET "exchange_rate" = EXCLUDED."exchange_rate"`,
    [referenceId, rates.map(() => randomUUID()), dates, rates.map((rate) => rate.exchangeRate)],
  );
}
