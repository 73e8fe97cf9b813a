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
import { CreateLocationDto, UpdateLocationDto } from './dto/location.dto.js';
import { LocationsService } from './locations.service.js';

@Controller()
export class LocationsController {
  constructor(private readonly locations: LocationsService) {}

  @MessagePattern(S.locationsList)
  async list(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    requireUser(readMessageMeta(context), RETRIBUSI_READ_ROLES);
    return this.locations.list({ locationCode: optionalCodeFilter(request.query, 'location_code') }, parsePagination(request.query));
  }

  @MessagePattern(S.locationsGet)
  async get(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    requireUser(readMessageMeta(context), RETRIBUSI_READ_ROLES);
    return { data: await this.locations.get(pathCode(request.params, 'code')) };
  }

  @MessagePattern(S.locationsCreate)
  async create(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    const actor = actorOf(readMessageMeta(context), RETRIBUSI_WRITE_ROLES);
    return { status: 201, data: await this.locations.create(await validateBody(CreateLocationDto, request.body), actor) };
  }

  @MessagePattern(S.locationsUpdate)
  async update(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    const actor = actorOf(readMessageMeta(context), RETRIBUSI_WRITE_ROLES);
    const code = pathCode(request.params, 'code');
    return { data: await this.locations.update(code, await validateBody(UpdateLocationDto, request.body), actor) };
  }

  @MessagePattern(S.locationsDelete)
  async remove(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    const actor = actorOf(readMessageMeta(context), RETRIBUSI_ADMIN_ROLES);
    return { data: await this.locations.remove(pathCode(request.params, 'code'), actor) };
  }
}
