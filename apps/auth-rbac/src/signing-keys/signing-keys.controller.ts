import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload } from '@nestjs/microservices';
import { AUTH_SUBJECTS, type JwksReply, type RotateSigningKeyReply, type SigningKeySummary } from '@gerbang/contracts';
import { validateInput } from '@gerbang/runtime';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { auditContextOf } from '../common/audit-context.js';
import { SigningKeysService } from './signing-keys.service.js';

class RotateSigningKeyDto {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;
}

@Controller()
export class SigningKeysController {
  constructor(private readonly keys: SigningKeysService) {}

  @MessagePattern(AUTH_SUBJECTS.jwks)
  jwks(): Promise<JwksReply> {
    return this.keys.jwks();
  }

  @MessagePattern(AUTH_SUBJECTS.adminRotateSigningKey)
  async rotate(@Payload() payload: unknown, @Ctx() context: NatsContext): Promise<RotateSigningKeyReply> {
    const input = await validateInput(RotateSigningKeyDto, payload ?? {});
    return this.keys.rotate(auditContextOf(context, input.actor));
  }

  @MessagePattern(AUTH_SUBJECTS.adminListSigningKeys)
  list(): Promise<SigningKeySummary[]> {
    return this.keys.list();
  }
}
