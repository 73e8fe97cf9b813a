import { Inject, Injectable } from '@nestjs/common';
import type { PageMeta, RealtimeReplayReplyV1 } from '@gerbang/contracts';
import {
  entryFilterConditions,
  pageMeta,
  SqlConditions,
  SqlPool,
  summarizeTotals,
  type DayTotals,
  type EntryFilter,
  type GateCategoryTotal,
  type Pagination,
} from '@gerbang/retribusi';
import { REALTIME_CONFIG, type RealtimeConfig } from '../config/realtime.config.js';
import { replayReply, toListItem, type EventRow, type RealtimeEventListItem, type ReplayRow } from './realtime-query.js';
import { REPLAY_ALL, REPLAY_LOCATION } from './realtime-sql.js';

/** Reads of the stored realtime events: the history list, the day snapshot and replay. */
@Injectable()
export class RealtimeEventsService {
  constructor(
    private readonly sql: SqlPool,
    @Inject(REALTIME_CONFIG) private readonly config: RealtimeConfig,
  ) {}

  /** Newest first (by the bigint column; the bare name would sort the text alias). */
  async list(filter: EntryFilter, pagination: Pagination): Promise<{ data: RealtimeEventListItem[]; page: PageMeta }> {
    const zone = this.config.BUSINESS_TIMEZONE;
    const conditions = entryFilterConditions(filter, zone);
    const counted = await this.sql.query<{ total: number }>({
      text: `SELECT count(*)::int AS total FROM "realtime"."realtime_events" ${conditions.where}`,
      values: conditions.values,
    });
    const zoneParam = conditions.param(zone);
    const { rows } = await this.sql.query<EventRow & { created_at: string }>({
      text: `SELECT "id"::text AS id, "location_code", "gate_code", "category", extract(epoch FROM "event_time")::bigint::text AS event_time,
                    to_char("created_at" AT TIME ZONE ${zoneParam}::text, 'YYYY-MM-DD HH24:MI:SS') AS created_at
               FROM "realtime"."realtime_events" ${conditions.where}
              ORDER BY "realtime_events"."id" DESC LIMIT ${conditions.param(pagination.limit)} OFFSET ${conditions.param(pagination.offset)}`,
      values: conditions.values,
    });
    return { data: rows.map(toListItem), page: pageMeta(pagination, counted.rows[0]?.total ?? 0) };
  }

  /** The day's cards from the counters the consumer keeps beside the events. */
  async snapshot(date: string, locationCode: string | undefined): Promise<DayTotals> {
    const conditions = new SqlConditions().add('"day" = ?::date', date).add('"location_code" = ?', locationCode);
    const { rows } = await this.sql.query<GateCategoryTotal>({
      text: `SELECT "location_code", "gate_code", "category", "total_count"::text, "total_amount"::text FROM "realtime"."daily_totals" ${conditions.where}`,
      values: conditions.values,
    });
    return summarizeTotals(rows);
  }

  /** Events after an id, oldest first, with the kept id range, all from one snapshot. */
  async replay(afterId: number, locationCode: string | undefined, limit: number): Promise<RealtimeReplayReplyV1> {
    // One more than asked tells whether more exist.
    const { rows } =
      locationCode === undefined
        ? await this.sql.query<ReplayRow>({ ...REPLAY_ALL, values: [afterId, limit + 1] })
        : await this.sql.query<ReplayRow>({ ...REPLAY_LOCATION, values: [afterId, limit + 1, locationCode] });
    return replayReply(rows[0] as ReplayRow, limit);
  }
}
