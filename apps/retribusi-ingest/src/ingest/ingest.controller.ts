import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload, type NatsContext } from '@nestjs/microservices';
import { RETRIBUSI_SUBJECTS as S, type ServiceReply, type ServiceRequest } from '@gerbang/contracts';
import { readMessageMeta } from '@gerbang/runtime';
import { idempotencyKeyFrom, IngestService, type IngestContext } from './ingest.service.js';

/** Gate events (API key checked at the gateway; routes declare scope retribusi:ingest). */
@Controller()
export class IngestController {
  constructor(private readonly ingest: IngestService) {}

  @MessagePattern(S.ingestSubmit)
  async submit(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    return { data: await this.ingest.submit(request.body, ingestContext(request, context)) };
  }

  @MessagePattern(S.ingestSubmitBatch)
  async submitBatch(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    return { data: await this.ingest.submitBatch(request.body, ingestContext(request, context)) };
  }
}

function ingestContext(request: ServiceRequest, context: NatsContext): IngestContext {
  return { idempotencyKey: idempotencyKeyFrom(request.headers), sourceIp: readMessageMeta(context).clientIp?.slice(0, 64) ?? null };
}
