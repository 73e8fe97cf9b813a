import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload, type NatsContext } from '@nestjs/microservices';
import { RETRIBUSI_READ_ROLES, RETRIBUSI_SUBJECTS as S, type ServiceReply, type ServiceRequest } from '@gerbang/contracts';
import { readMessageMeta } from '@gerbang/runtime';
import { parseEntryFilter, parsePagination, requireUser } from '@gerbang/retribusi';
import { EntryEventsService } from './entry-events.service.js';

@Controller()
export class EntryEventsController {
  constructor(private readonly entryEvents: EntryEventsService) {}

  @MessagePattern(S.entryEventsList)
  async list(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    requireUser(readMessageMeta(context), RETRIBUSI_READ_ROLES);
    return this.entryEvents.list(parseEntryFilter(request.query), parsePagination(request.query));
  }
}
