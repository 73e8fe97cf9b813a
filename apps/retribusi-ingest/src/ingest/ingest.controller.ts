import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, Payload, type NatsContext } from '@nestjs/microservices';
import { RETRIBUSI_SUBJECTS as S, type CoalescedReply, type ServiceReply, type ServiceRequest } from '@gerbang/contracts';
import { answerEach, LOGGER, readMessageMeta, type MessageMeta } from '@gerbang/runtime';
import type { Logger } from 'pino';
import { idempotencyKeyFrom, IngestService, type IngestContext } from './ingest.service.js';

/** Gate events (API key checked at the gateway; routes declare scope retribusi:ingest). */
@Controller()
export class IngestController {
  constructor(
    private readonly ingest: IngestService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @MessagePattern(S.ingestSubmit)
  async submit(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    return { data: await this.ingest.submit(request.body, ingestContext(request, readMessageMeta(context))) };
  }

  /** Single-event requests the gateway received together: their events share one INSERT. */
  @MessagePattern(S.ingestSubmitCoalesced)
  async submitCoalesced(@Payload() payload: unknown): Promise<CoalescedReply> {
    return answerEach(payload, async (request, meta) => ({ data: await this.ingest.submit(request.body, ingestContext(request, meta)) }), this.logger);
  }

  @MessagePattern(S.ingestSubmitBatch)
  async submitBatch(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    return { data: await this.ingest.submitBatch(request.body, ingestContext(request, readMessageMeta(context))) };
  }
}

function ingestContext(request: ServiceRequest, meta: MessageMeta): IngestContext {
  return { idempotencyKey: idempotencyKeyFrom(request.headers), sourceIp: meta.clientIp?.slice(0, 64) ?? null };
}
