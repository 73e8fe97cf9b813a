import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AuditEventSummary, ListAuditEventsRequest } from '@gerbang/contracts';
import { LOGGER } from '@gerbang/runtime';
import type { Logger } from 'pino';
import { Repository, type EntityManager } from 'typeorm';
import type { AuditContext } from '../common/audit-context.js';
import { AuditEventEntity } from './audit-event.entity.js';

export interface AuditRecord {
  realm: string | null;
  type: string;
  outcome: 'success' | 'failure';
  subject?: string | null;
  details?: Record<string, unknown>;
}

/** Writes the auth audit trail. */
@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * With a manager, the event is part of that write's transaction: the write and its audit
   * entry commit together or not at all. Without one, a failed write is only logged.
   */
  async record(record: AuditRecord, context: AuditContext, manager?: EntityManager): Promise<void> {
    const repository = manager ? manager.getRepository(AuditEventEntity) : this.events;
    const event = repository.create({
      realm: record.realm,
      type: record.type,
      outcome: record.outcome,
      subject: record.subject ?? null,
      details: record.details ?? {},
      actor: context.actor?.slice(0, 200) ?? null,
      clientIp: context.clientIp?.slice(0, 64) ?? null,
      userAgent: context.userAgent?.slice(0, 400) ?? null,
      requestId: context.requestId?.slice(0, 100) ?? null,
    });
    if (manager) {
      await repository.save(event);
      return;
    }
    try {
      await repository.save(event);
    } catch (error) {
      this.logger.error({ err: error, auditType: record.type }, 'audit event not written');
    }
  }

  async list(request: ListAuditEventsRequest): Promise<AuditEventSummary[]> {
    const query = this.events
      .createQueryBuilder('event')
      .orderBy('event.id', 'DESC')
      .take(Math.min(Math.max(request.limit ?? 50, 1), 500));
    if (request.realm) query.andWhere('event.realm = :realm', { realm: request.realm });
    if (request.type) query.andWhere('event.type = :type', { type: request.type });
    const rows = await query.getMany();
    return rows.map((row) => ({
      id: Number(row.id),
      occurredAt: row.occurredAt.toISOString(),
      realm: row.realm,
      type: row.type,
      outcome: row.outcome,
      actor: row.actor,
      subject: row.subject,
      clientIp: row.clientIp,
      userAgent: row.userAgent,
      requestId: row.requestId,
      details: row.details,
    }));
  }
}
