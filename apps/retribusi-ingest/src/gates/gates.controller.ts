import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload, type NatsContext } from '@nestjs/microservices';
import {
  RETRIBUSI_ADMIN_ROLES,
  RETRIBUSI_READ_ROLES,
  RETRIBUSI_SUBJECTS as S,
  RETRIBUSI_WRITE_ROLES,
  type ServiceReply,
  type ServiceRequest,
} from '@gerbang/contracts';
import { readMessageMeta } from '@gerbang/runtime';
import { actorOf, optionalCodeFilter, parsePagination, pathCode, requireUser } from '@gerbang/retribusi';
import { validateBody } from '../common/body-validation.js';
import { CreateGateDto, UpdateGateDto } from './dto/gate.dto.js';
import { GatesService } from './gates.service.js';

@Controller()
export class GatesController {
  constructor(private readonly gates: GatesService) {}

  @MessagePattern(S.gatesList)
  async list(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    requireUser(readMessageMeta(context), RETRIBUSI_READ_ROLES);
    return this.gates.list({ locationCode: optionalCodeFilter(request.query, 'location_code') }, parsePagination(request.query));
  }

  /** Streams are the gates and their cameras, as the document says ("alias untuk gates"). */
  @MessagePattern(S.streamsList)
  async streams(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    return this.list(request, context);
  }

  @MessagePattern(S.gatesGet)
  async get(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    requireUser(readMessageMeta(context), RETRIBUSI_READ_ROLES);
    return { data: await this.gates.get(pathCode(request.params, 'location_code'), pathCode(request.params, 'gate_code')) };
  }

  @MessagePattern(S.gatesCreate)
  async create(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    const actor = actorOf(readMessageMeta(context), RETRIBUSI_WRITE_ROLES);
    return { status: 201, data: await this.gates.create(await validateBody(CreateGateDto, request.body), actor) };
  }

  @MessagePattern(S.gatesUpdate)
  async update(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    const actor = actorOf(readMessageMeta(context), RETRIBUSI_WRITE_ROLES);
    const [locationCode, gateCode] = [pathCode(request.params, 'location_code'), pathCode(request.params, 'gate_code')];
    return { data: await this.gates.update(locationCode, gateCode, await validateBody(UpdateGateDto, request.body), actor) };
  }

  @MessagePattern(S.gatesDelete)
  async remove(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    const actor = actorOf(readMessageMeta(context), RETRIBUSI_ADMIN_ROLES);
    return { data: await this.gates.remove(pathCode(request.params, 'location_code'), pathCode(request.params, 'gate_code'), actor) };
  }
}
