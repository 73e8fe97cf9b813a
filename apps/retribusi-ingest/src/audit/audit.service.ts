import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PageMeta } from '@gerbang/contracts';
import { pageMeta, SqlConditions, type Actor, type Pagination } from '@gerbang/retribusi';
import { DataSource, type EntityManager } from 'typeorm';
import { RETRIBUSI_CONFIG, type RetribusiConfig } from '../config/retribusi.config.js';
import type { AuditAction, AuditEntity } from './audit-log.entity.js';

export interface AuditLogView {
  id: number;
  actor_user_id: number | string;
  actor_username: string;
  actor_role: string | null;
  action: AuditAction;
  entity: AuditEntity;
  entity_key: string;
  before_json: Record<string, unknown> | null;
  after_json: Record<string, unknown> | null;
  ip_address: string | null;
  user_agent: string | null;
  created_at: string;
}

export interface AuditLogFilter {
  entity?: AuditEntity;
  action?: AuditAction;
  entityKey?: string;
  startDate?: string;
  endDate?: string;
}

export interface AuditChange {
  action: AuditAction;
  entity: AuditEntity;
  entityKey: string;
  before: object | null;
  after: object | null;
}

/** The master-data audit trail: written inside the change's transaction, read by the frontend. */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RETRIBUSI_CONFIG) private readonly config: RetribusiConfig,
  ) {}

  /** Must run on the change's own transaction manager, so both commit or neither does. */
  async record(manager: EntityManager, actor: Actor, change: AuditChange): Promise<void> {
    await manager.query(
      `INSERT INTO "retribusi"."audit_logs"
         ("actor_user_id", "actor_username", "actor_role", "action", "entity", "entity_key", "before_json", "after_json", "ip_address", "user_agent")
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10)`,
      [
        actor.userId.slice(0, 64),
        actor.username.slice(0, 200),
        actor.role?.slice(0, 50) ?? null,
        change.action,
        change.entity,
        change.entityKey,
        change.before === null ? null : JSON.stringify(change.before),
        change.after === null ? null : JSON.stringify(change.after),
        actor.ipAddress,
        actor.userAgent,
      ],
    );
  }

  async list(filter: AuditLogFilter, pagination: Pagination): Promise<{ data: AuditLogView[]; page: PageMeta }> {
    const zone = this.config.BUSINESS_TIMEZONE;
    const conditions = new SqlConditions()
      .add('"entity" = ?', filter.entity)
      .add('"action" = ?', filter.action)
      .add('"entity_key" = ?', filter.entityKey)
      .add('"created_at" >= (?::date)::timestamp AT TIME ZONE ?::text', filter.startDate, zone)
      .add('"created_at" < (?::date + 1)::timestamp AT TIME ZONE ?::text', filter.endDate, zone);
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM "retribusi"."audit_logs" ${conditions.where}`, conditions.values)) as [
      { total: number },
    ];
    const rows = (await this.dataSource.query(
      `SELECT "id"::text AS id, "actor_user_id", "actor_username", "actor_role", "action", "entity", "entity_key", "before_json", "after_json",
              "ip_address", "user_agent", to_char("created_at" AT TIME ZONE ${conditions.param(zone)}::text, 'YYYY-MM-DD HH24:MI:SS') AS created_at
         FROM "retribusi"."audit_logs" ${conditions.where}
        ORDER BY "audit_logs"."id" DESC LIMIT ${conditions.param(pagination.limit)} OFFSET ${conditions.param(pagination.offset)}`,
      conditions.values,
    )) as Array<Omit<AuditLogView, 'id' | 'actor_user_id'> & { id: string; actor_user_id: string }>;
    return {
      data: rows.map((row) => ({ ...row, id: Number(row.id), actor_user_id: numericId(row.actor_user_id) })),
      page: pageMeta(pagination, total),
    };
  }
}

/** auth-rbac user ids are bigints; the document shows them as numbers. */
function numericId(value: string): number | string {
  return /^\d{1,15}$/.test(value) ? Number(value) : value;
}
