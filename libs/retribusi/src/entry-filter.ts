import type { RetribusiCategory } from '@gerbang/contracts';
import { optionalCategoryFilter, optionalCodeFilter, optionalDateRange, type Query } from './query.js';
import { SqlConditions } from './sql-conditions.js';

/** The filters of the entry lists (frontend/entry-events, realtime/events). */
export interface EntryFilter {
  locationCode?: string;
  gateCode?: string;
  category?: RetribusiCategory;
  /** Business-zone days of the gate's time (`event_time`), both included. */
  startDate?: string;
  endDate?: string;
}

/** location_code, gate_code, category, start_date, end_date; each invalid one is a 422 on its own field. */
export function parseEntryFilter(query: Query): EntryFilter {
  return {
    locationCode: optionalCodeFilter(query, 'location_code'),
    gateCode: optionalCodeFilter(query, 'gate_code'),
    category: optionalCategoryFilter(query),
    ...optionalDateRange(query),
  };
}

/** The WHERE conditions of an EntryFilter over a table with those columns and a timestamptz `event_time`. */
export function entryFilterConditions(filter: EntryFilter, timeZone: string): SqlConditions {
  return new SqlConditions()
    .add('"location_code" = ?', filter.locationCode)
    .add('"gate_code" = ?', filter.gateCode)
    .add('"category" = ?', filter.category)
    .add('"event_time" >= (?::date)::timestamp AT TIME ZONE ?::text', filter.startDate, timeZone)
    .add('"event_time" < (?::date + 1)::timestamp AT TIME ZONE ?::text', filter.endDate, timeZone);
}
