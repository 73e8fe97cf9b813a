import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload } from '@nestjs/microservices';
import { CRM_IDENTITY_SUBJECTS as S, type ServiceReply, type ServiceRequest } from '@gerbang/contracts';
import { crmCallerOf } from '../common/crm-caller.js';
import { CrmProfilesService } from './crm-profiles.service.js';

/** The logged-in crm user's own profile; any user of the realm may call these. */
@Controller()
export class CrmProfilesController {
  constructor(private readonly profiles: CrmProfilesService) {}

  @MessagePattern(S.profileGet)
  async me(@Ctx() context: NatsContext): Promise<ServiceReply> {
    return { data: await this.profiles.me(crmCallerOf(context)) };
  }

  @MessagePattern(S.profileUpdate)
  async update(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    return { data: await this.profiles.update(crmCallerOf(context), request.body) };
  }

  @MessagePattern(S.profileSwitchRole)
  async switchRole(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    return { data: await this.profiles.switchRole(crmCallerOf(context), request.body) };
  }

  @MessagePattern(S.profileChangePassword)
  async changePassword(@Payload() request: ServiceRequest, @Ctx() context: NatsContext): Promise<ServiceReply> {
    return { data: await this.profiles.changePassword(crmCallerOf(context), request.body) };
  }
}
