import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload } from '@nestjs/microservices';
import { CRM_IDENTITY_SUBJECTS as S, type ServiceReply, type ServiceRequest } from '@gerbang/contracts';
import { crmCallerOf } from '../common/crm-caller.js';
import { CrmPrivilegesService } from './crm-privileges.service.js';
import { CrmRolesService } from './crm-roles.service.js';

const idOf = (request: ServiceRequest) => String(request.params?.id ?? '');

/** crm roles and the privilege catalog; the gateway has checked the route's `role-access:<privilege>`. */
@Controller()
export class CrmRolesController {
  constructor(
    private readonly roles: CrmRolesService,
    private readonly privileges: CrmPrivilegesService,
  ) {}

  @MessagePattern(S.rolesList)
  async list(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    crmCallerOf(context);
    return this.roles.list(request.query);
  }

  @MessagePattern(S.rolesGet)
  async get(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    crmCallerOf(context);
    return { data: await this.roles.get(idOf(request)) };
  }

  @MessagePattern(S.rolesCreate)
  async create(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    return { status: 201, data: await this.roles.create(request.body, crmCallerOf(context)) };
  }

  /** `PUT /v1/auth/roles/{id}`, or the document's `PUT /v1/auth/roles` naming the role in the body. */
  @MessagePattern(S.rolesUpdate)
  async update(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    return { data: await this.roles.update(request.params?.id, request.body, crmCallerOf(context)) };
  }

  @MessagePattern(S.rolesDelete)
  async remove(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    return { data: await this.roles.remove(idOf(request), crmCallerOf(context)) };
  }

  @MessagePattern(S.privilegesList)
  async listPrivileges(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    crmCallerOf(context);
    return this.privileges.list(request.query);
  }

  @MessagePattern(S.privilegesGet)
  async getPrivileges(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    crmCallerOf(context);
    return { data: await this.privileges.get(idOf(request)) };
  }
}
