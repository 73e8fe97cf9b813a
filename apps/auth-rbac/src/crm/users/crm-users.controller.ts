import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload } from '@nestjs/microservices';
import { CRM_IDENTITY_SUBJECTS as S, type ServiceReply, type ServiceRequest } from '@gerbang/contracts';
import { crmCallerOf } from '../common/crm-caller.js';
import { CrmUsersService } from './crm-users.service.js';

const idOf = (request: ServiceRequest) => String(request.params?.id ?? '');

/** crm users; the gateway has checked the route's `users:<privilege>` for the caller's active role. */
@Controller()
export class CrmUsersController {
  constructor(private readonly users: CrmUsersService) {}

  @MessagePattern(S.usersList)
  async list(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    crmCallerOf(context);
    return this.users.list(request.query);
  }

  @MessagePattern(S.usersGet)
  async get(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    crmCallerOf(context);
    return { data: await this.users.get(idOf(request)) };
  }

  @MessagePattern(S.usersCreate)
  async create(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    return { status: 201, data: await this.users.create(request.body, crmCallerOf(context)) };
  }

  @MessagePattern(S.usersUpdate)
  async update(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    return { data: await this.users.update(idOf(request), request.body, crmCallerOf(context)) };
  }

  @MessagePattern(S.usersAssignRole)
  async assignRole(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    return { data: await this.users.assignRole(idOf(request), request.body, crmCallerOf(context)) };
  }

  /** For crm-masterdata (never routed by the gateway): a partner still used by users cannot be deleted. */
  @MessagePattern(S.usersCountByPartner)
  async countByPartner(@Payload() payload: unknown): Promise<{ users: number }> {
    const partnerId = (typeof payload === 'object' && payload !== null ? (payload as { partnerId?: unknown }).partnerId : undefined) ?? '';
    return { users: await this.users.countByPartner(String(partnerId)) };
  }

  @MessagePattern(S.usersSetStatus)
  async setStatus(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    return { data: await this.users.setStatus(idOf(request), request.body, crmCallerOf(context)) };
  }
}
