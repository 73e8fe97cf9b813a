import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AUTH_SUBJECTS, PRODUCTS, type AuditEventSummary } from '@gerbang/contracts';
import { validateInput } from '@gerbang/runtime';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { REALM_MESSAGE } from '../common/dto.js';
import { AuditService } from './audit.service.js';

class ListAuditEventsDto {
  @IsOptional()
  @IsIn(PRODUCTS, { message: REALM_MESSAGE })
  realm?: string;

  @IsOptional()
  @IsString()
  @MaxLength(60)
  type?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @MessagePattern(AUTH_SUBJECTS.adminListAuditEvents)
  async list(@Payload() payload: unknown): Promise<AuditEventSummary[]> {
    return this.audit.list(await validateInput(ListAuditEventsDto, payload ?? {}));
  }
}
