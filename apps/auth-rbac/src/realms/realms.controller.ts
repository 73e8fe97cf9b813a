import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload } from '@nestjs/microservices';
import { AUTH_SUBJECTS, type RealmPolicyReply } from '@gerbang/contracts';
import { validateInput } from '@gerbang/runtime';
import { auditContextOf } from '../common/audit-context.js';
import { RealmPolicyDto, SetRealmPolicyDto } from './dto/realm-policy.dto.js';
import { RealmsService } from './realms.service.js';

@Controller()
export class RealmsController {
  constructor(private readonly realms: RealmsService) {}

  @MessagePattern(AUTH_SUBJECTS.adminGetRealmPolicy)
  async policy(@Payload() payload: unknown): Promise<RealmPolicyReply> {
    const { realm } = await validateInput(RealmPolicyDto, payload);
    return { realm, ...(await this.realms.policies(realm)) };
  }

  @MessagePattern(AUTH_SUBJECTS.adminSetRealmPolicy)
  async setPolicy(@Payload() payload: unknown, @Ctx() context: NatsContext): Promise<RealmPolicyReply> {
    const input = await validateInput(SetRealmPolicyDto, payload);
    return this.realms.setPolicy(input, auditContextOf(context, input.actor));
  }
}
