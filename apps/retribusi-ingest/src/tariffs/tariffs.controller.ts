import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload, type NatsContext } from '@nestjs/microservices';
import {
  RETRIBUSI_ADMIN_ROLES,
  RETRIBUSI_CATEGORIES,
  RETRIBUSI_READ_ROLES,
  RETRIBUSI_SUBJECTS as S,
  RETRIBUSI_WRITE_ROLES,
  type RetribusiCategory,
  type ServiceReply,
  type ServiceRequest,
} from '@gerbang/contracts';
import { readMessageMeta } from '@gerbang/runtime';
import { actorOf, invalidField, optionalCategoryFilter, optionalCodeFilter, parsePagination, pathCode, requireUser } from '@gerbang/retribusi';
import { validateBody } from '../common/body-validation.js';
import { CreateTariffDto, UpdateTariffDto } from './dto/tariff.dto.js';
import { TariffsService, type TariffKey } from './tariffs.service.js';

/** The tariff named by the path; an invalid code or category is a 422, as the document lists. */
function tariffKeyFromPath(params: Record<string, string> | undefined): TariffKey {
  const locationCode = pathCode(params, 'location_code');
  const gateCode = pathCode(params, 'gate_code');
  const category = params?.category;
  if (!category || !(RETRIBUSI_CATEGORIES as readonly string[]).includes(category)) throw invalidField('category', 'Invalid category');
  return { locationCode, gateCode, category: category as RetribusiCategory };
}

@Controller()
export class TariffsController {
  constructor(private readonly tariffs: TariffsService) {}

  @MessagePattern(S.tariffsList)
  async list(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    requireUser(readMessageMeta(context), RETRIBUSI_READ_ROLES);
    const filter = {
      locationCode: optionalCodeFilter(request.query, 'location_code'),
      gateCode: optionalCodeFilter(request.query, 'gate_code'),
      category: optionalCategoryFilter(request.query),
    };
    return this.tariffs.list(filter, parsePagination(request.query));
  }

  @MessagePattern(S.tariffsGet)
  async get(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    requireUser(readMessageMeta(context), RETRIBUSI_READ_ROLES);
    return { data: await this.tariffs.get(tariffKeyFromPath(request.params)) };
  }

  @MessagePattern(S.tariffsCreate)
  async create(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    const actor = actorOf(readMessageMeta(context), RETRIBUSI_WRITE_ROLES);
    return { status: 201, data: await this.tariffs.create(await validateBody(CreateTariffDto, request.body), actor) };
  }

  @MessagePattern(S.tariffsUpdate)
  async update(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    const actor = actorOf(readMessageMeta(context), RETRIBUSI_WRITE_ROLES);
    const key = tariffKeyFromPath(request.params);
    return { data: await this.tariffs.update(key, await validateBody(UpdateTariffDto, request.body), actor) };
  }

  @MessagePattern(S.tariffsDelete)
  async remove(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    const actor = actorOf(readMessageMeta(context), RETRIBUSI_ADMIN_ROLES);
    return { data: await this.tariffs.remove(tariffKeyFromPath(request.params), actor) };
  }
}
