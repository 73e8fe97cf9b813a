import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, Payload, type NatsContext } from '@nestjs/microservices';
import { REALTIME_SUBJECTS, RETRIBUSI_READ_ROLES, type RealtimeReplayReplyV1, type ServiceReply, type ServiceRequest } from '@gerbang/contracts';
import { readMessageMeta, validateInput } from '@gerbang/runtime';
import { optionalCodeFilter, parseEntryFilter, parsePagination, requireUser } from '@gerbang/retribusi';
import { REALTIME_CONFIG, type RealtimeConfig } from '../config/realtime.config.js';
import { replayLimit, snapshotDate } from './realtime-query.js';
import { RealtimeEventsService } from './realtime-events.service.js';
import { ReplayRequestDto } from './replay-request.dto.js';

@Controller()
export class RealtimeEventsController {
  constructor(
    private readonly events: RealtimeEventsService,
    @Inject(REALTIME_CONFIG) private readonly config: RealtimeConfig,
  ) {}

  /** GET /retribusi/v1/realtime/events */
  @MessagePattern(REALTIME_SUBJECTS.eventsList)
  async list(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    requireUser(readMessageMeta(context), RETRIBUSI_READ_ROLES);
    return this.events.list(parseEntryFilter(request.query), parsePagination(request.query));
  }

  /** GET /retribusi/v1/realtime/snapshot */
  @MessagePattern(REALTIME_SUBJECTS.snapshot)
  async snapshot(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    requireUser(readMessageMeta(context), RETRIBUSI_READ_ROLES);
    const date = snapshotDate(request.query, Math.floor(Date.now() / 1000), this.config.BUSINESS_TIMEZONE);
    return { data: await this.events.snapshot(date, optionalCodeFilter(request.query, 'location_code')) };
  }

  /** The gateway's SSE streams fill gaps and resume from here (a plain payload, no ServiceRequest). */
  @MessagePattern(REALTIME_SUBJECTS.replay)
  async replay(@Payload() request: unknown): Promise<RealtimeReplayReplyV1> {
    const { afterId, locationCode, limit } = await validateInput(ReplayRequestDto, request);
    // A caller may send null for "no filter"; it means the same as leaving the field out.
    return this.events.replay(afterId, locationCode ?? undefined, replayLimit(limit ?? undefined));
  }
}
