import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload } from '@nestjs/microservices';
import {
  AUTH_SUBJECTS,
  type IssuedLinkToken,
  type IssuedOneTimeCode,
  type LinkTokenConsumption,
  type OneTimeCodeVerification,
  type ServiceReply,
} from '@gerbang/contracts';
import { validateInput } from '@gerbang/runtime';
import { auditContextOf } from '../common/audit-context.js';
import { ResetPasswordDto } from '../users/dto/user.dto.js';
import { ConsumeLinkTokenDto, IssueLinkTokenDto, IssueOneTimeCodeDto, VerifyOneTimeCodeDto } from './dto/one-time-code.dto.js';
import { OneTimeCodesService } from './one-time-codes.service.js';

/** Service API for product services; they deliver codes and links and wire them to HTTP. */
@Controller()
export class OneTimeCodesController {
  constructor(private readonly codes: OneTimeCodesService) {}

  @MessagePattern(AUTH_SUBJECTS.issueOneTimeCode)
  async issueCode(@Payload() payload: unknown, @Ctx() context: NatsContext): Promise<IssuedOneTimeCode> {
    return this.codes.issueCode(await validateInput(IssueOneTimeCodeDto, payload), auditContextOf(context));
  }

  @MessagePattern(AUTH_SUBJECTS.verifyOneTimeCode)
  async verifyCode(@Payload() payload: unknown, @Ctx() context: NatsContext): Promise<OneTimeCodeVerification> {
    return this.codes.verifyCode(await validateInput(VerifyOneTimeCodeDto, payload), auditContextOf(context));
  }

  @MessagePattern(AUTH_SUBJECTS.issueLinkToken)
  async issueLink(@Payload() payload: unknown, @Ctx() context: NatsContext): Promise<IssuedLinkToken> {
    return this.codes.issueLink(await validateInput(IssueLinkTokenDto, payload), auditContextOf(context));
  }

  @MessagePattern(AUTH_SUBJECTS.consumeLinkToken)
  async consumeLink(@Payload() payload: unknown, @Ctx() context: NatsContext): Promise<LinkTokenConsumption> {
    return this.codes.consumeLink(await validateInput(ConsumeLinkTokenDto, payload), auditContextOf(context));
  }

  @MessagePattern(AUTH_SUBJECTS.resetPassword)
  async resetPassword(@Payload() payload: unknown, @Ctx() context: NatsContext): Promise<ServiceReply> {
    await this.codes.resetPassword(await validateInput(ResetPasswordDto, payload), auditContextOf(context));
    return { data: { password_reset: true } };
  }
}
