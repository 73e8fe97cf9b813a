import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload, type NatsContext } from '@nestjs/microservices';
import { RETRIBUSI_READ_ROLES, RETRIBUSI_SUBJECTS as S, type ServiceReply, type ServiceRequest } from '@gerbang/contracts';
import { readMessageMeta } from '@gerbang/runtime';
import { optionalChoice, optionalDateRange, optionalText, parsePagination, requireUser } from '@gerbang/retribusi';
import { AuditService } from './audit.service.js';

@Controller()
export class AuditLogsController {
  constructor(private readonly audit: AuditService) {}

  @MessagePattern(S.auditLogsList)
  async list(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    requireUser(readMessageMeta(context), RETRIBUSI_READ_ROLES);
    const filter = {
      entity: optionalChoice(request.query, 'entity', ['locations', 'gates', 'tariffs'] as const),
      action: optionalChoice(request.query, 'action', ['create', 'update', 'delete'] as const),
      entityKey: optionalText(request.query, 'entity_key'),
      ...optionalDateRange(request.query),
    };
    return this.audit.list(filter, parsePagination(request.query));
  }
}
