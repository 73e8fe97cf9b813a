import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/caller.js';

export type AuditAction = 'create' | 'update' | 'delete';

export interface AuditChange {
  action: AuditAction;
  /** The catalog resource written (`customer`, `exchange-rate`). */
  entity: string;
  entityId: string;
  before: object | null;
  after: object | null;
}

/**
 * Records one write with its actor and the record before and after. It runs on the write's
 * own transaction, so the change and its audit entry commit together or not at all.
 */
export async function recordAudit(manager: EntityManager, actor: Actor, change: AuditChange): Promise<void> {
  await manager.query(
    `INSERT INTO "crm"."audit_logs" ("actor_id", "actor_name", "actor_role", "action", "entity", "entity_id", "before", "after", "request_id", "client_ip", "user_agent")
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11)`,
    [
      actor.id,
      actor.name,
      actor.role,
      change.action,
      change.entity,
      change.entityId,
      change.before === null ? null : JSON.stringify(change.before),
      change.after === null ? null : JSON.stringify(change.after),
      actor.requestId,
      actor.clientIp,
      actor.userAgent,
    ],
  );
}
