import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PageMeta } from '@gerbang/contracts';
import { entryFilterConditions, pageMeta, type EntryFilter, type Pagination } from '@gerbang/retribusi';
import { DataSource } from 'typeorm';
import { RETRIBUSI_CONFIG, type RetribusiConfig } from '../config/retribusi.config.js';

export interface EntryEventView {
  id: number;
  location_code: string;
  gate_code: string;
  category: string;
  /** "YYYY-MM-DD HH:MM:SS" in the business zone, as the document shows. */
  event_time: string;
  source_ip: string | null;
  created_at: string;
}

/** The raw events, newest first, for debugging and administration. */
@Injectable()
export class EntryEventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RETRIBUSI_CONFIG) private readonly config: RetribusiConfig,
  ) {}

  async list(filter: EntryFilter, pagination: Pagination): Promise<{ data: EntryEventView[]; page: PageMeta }> {
    const zone = this.config.BUSINESS_TIMEZONE;
    const conditions = entryFilterConditions(filter, zone);
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM "retribusi"."entry_events" ${conditions.where}`,
      conditions.values,
    )) as [{ total: number }];
    const zoneParam = conditions.param(zone);
    const rows = (await this.dataSource.query(
      `SELECT "id"::text AS id, "location_code", "gate_code", "category",
              to_char("event_time" AT TIME ZONE ${zoneParam}::text, 'YYYY-MM-DD HH24:MI:SS') AS event_time, "source_ip",
              to_char("created_at" AT TIME ZONE ${zoneParam}::text, 'YYYY-MM-DD HH24:MI:SS') AS created_at
         FROM "retribusi"."entry_events" ${conditions.where}
        ORDER BY "entry_events"."id" DESC LIMIT ${conditions.param(pagination.limit)} OFFSET ${conditions.param(pagination.offset)}`,
      conditions.values,
    )) as Array<Omit<EntryEventView, 'id'> & { id: string }>;
    return { data: rows.map((row) => ({ ...row, id: Number(row.id) })), page: pageMeta(pagination, total) };
  }
}
