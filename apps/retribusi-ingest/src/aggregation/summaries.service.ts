import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RETRIBUSI_CATEGORIES } from '@gerbang/contracts';
import {
  dateRange,
  daysInclusive,
  HOUR_LABELS,
  invalidField,
  SqlConditions,
  SqlPool,
  summarizeTotals,
  type DayTotals,
  type GateCategoryTotal,
} from '@gerbang/retribusi';
import { DataSource } from 'typeorm';
import { RETRIBUSI_CONFIG, type RetribusiConfig } from '../config/retribusi.config.js';
import { AGGREGATES_LOCK, RECOMPUTE_DAY } from './summary-sql.js';

export interface SummaryFilter {
  locationCode?: string;
  gateCode?: string;
}

export interface DailySummaryRow {
  summary_date: string;
  location_code: string;
  gate_code: string;
  category: string;
  total_count: number;
  total_amount: number;
}

export interface ChartSeries {
  labels: string[];
  series: { total_count: number[]; total_amount: number[] };
}

interface TotalsRow {
  label: string;
  total_count: string;
  total_amount: string;
}

/**
 * Summary and dashboard reads. They read the daily and hourly aggregates only, never the
 * raw events; the one exception is the admin recompute of a day.
 */
@Injectable()
export class SummariesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sql: SqlPool,
    @Inject(RETRIBUSI_CONFIG) private readonly config: RetribusiConfig,
  ) {}

  async daily(date: string, filter: SummaryFilter): Promise<DailySummaryRow[]> {
    const conditions = this.conditions(filter).add('"summary_date" = ?::date', date);
    const rows = (await this.dataSource.query(
      `SELECT "summary_date"::text AS summary_date, "location_code", "gate_code", "category", "total_count"::text, "total_amount"::text
         FROM "retribusi"."daily_summaries" ${conditions.where}
        ORDER BY "location_code", "gate_code", array_position(ARRAY['person_walk', 'motor', 'car']::varchar[], "category")`,
      conditions.values,
    )) as Array<Omit<DailySummaryRow, 'total_count' | 'total_amount'> & { total_count: string; total_amount: string }>;
    return rows.map((row) => ({ ...row, total_count: Number(row.total_count), total_amount: Number(row.total_amount) }));
  }

  async hourly(date: string, filter: SummaryFilter): Promise<ChartSeries> {
    const conditions = this.conditions(filter).add('"summary_date" = ?::date', date);
    const rows = await this.totals(`lpad("hour"::text, 2, '0')`, 'hourly_summaries', conditions);
    return series(HOUR_LABELS, rows);
  }

  async dashboardDaily(startDate: string, endDate: string, filter: SummaryFilter): Promise<ChartSeries> {
    if (endDate < startDate) throw invalidField('end_date', 'Must not be before start_date');
    const days = daysInclusive(startDate, endDate);
    if (days > this.config.DASHBOARD_MAX_RANGE_DAYS) throw invalidField('end_date', `Range must be at most ${this.config.DASHBOARD_MAX_RANGE_DAYS} days`);
    const conditions = this.conditions(filter).add('"summary_date" BETWEEN ?::date AND ?::date', startDate, endDate);
    const rows = await this.totals(`"summary_date"::text`, 'daily_summaries', conditions);
    return series(dateRange(startDate, endDate), rows);
  }

  async byCategory(date: string, filter: SummaryFilter): Promise<ChartSeries> {
    const conditions = this.conditions(filter).add('"summary_date" = ?::date', date);
    const rows = await this.totals(`"category"`, 'daily_summaries', conditions);
    return series([...RETRIBUSI_CATEGORIES], rows);
  }

  async dashboardSummary(date: string, filter: { locationCode?: string }): Promise<DayTotals> {
    const conditions = this.conditions(filter).add('"summary_date" = ?::date', date);
    const rows = (await this.dataSource.query(
      `SELECT "location_code", "gate_code", "category", "total_count"::text, "total_amount"::text FROM "retribusi"."daily_summaries" ${conditions.where}`,
      conditions.values,
    )) as GateCategoryTotal[];
    return summarizeTotals(rows);
  }

  /** Rebuilds one day's daily and hourly totals from the raw events (admin). */
  async recompute(date: string): Promise<{ rows_processed: number; date: string }> {
    const rowsProcessed = await this.sql.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', AGGREGATES_LOCK);
      await client.query('DELETE FROM "retribusi"."daily_summaries" WHERE "summary_date" = $1::date', [date]);
      await client.query('DELETE FROM "retribusi"."hourly_summaries" WHERE "summary_date" = $1::date', [date]);
      const result = await client.query<{ rows_processed: number }>(RECOMPUTE_DAY, [date, this.config.BUSINESS_TIMEZONE]);
      return result.rows[0]?.rows_processed ?? 0;
    });
    return { rows_processed: rowsProcessed, date };
  }

  private conditions(filter: SummaryFilter): SqlConditions {
    return new SqlConditions().add('"location_code" = ?', filter.locationCode).add('"gate_code" = ?', filter.gateCode);
  }

  private async totals(label: string, table: 'daily_summaries' | 'hourly_summaries', conditions: SqlConditions): Promise<TotalsRow[]> {
    return (await this.dataSource.query(
      `SELECT ${label} AS label, sum("total_count")::text AS total_count, sum("total_amount")::text AS total_amount
         FROM "retribusi"."${table}" ${conditions.where} GROUP BY 1`,
      conditions.values,
    )) as TotalsRow[];
  }
}

/** Totals laid over a fixed list of labels; a label with no row counts zero. */
export function series(labels: string[], rows: TotalsRow[]): ChartSeries {
  const byLabel = new Map(rows.map((row) => [row.label, row]));
  return {
    labels,
    series: {
      total_count: labels.map((label) => Number(byLabel.get(label)?.total_count ?? 0)),
      total_amount: labels.map((label) => Number(byLabel.get(label)?.total_amount ?? 0)),
    },
  };
}
