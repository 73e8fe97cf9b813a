import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext } from '@nestjs/microservices';
import { AUTH_SUBJECTS, type ServiceReply } from '@gerbang/contracts';
import { DomainError, readMessageMeta } from '@gerbang/runtime';

/** Echoes the principal the gateway established: lets a gate test its API key, a client its token. */
@Controller()
export class PrincipalController {
  @MessagePattern(AUTH_SUBJECTS.whoami)
  whoami(@Ctx() context: NatsContext): ServiceReply {
    const principal = readMessageMeta(context).principal;
    if (!principal) throw new DomainError('unauthenticated', 'Invalid or missing credentials');
    return { data: principal };
  }
}
