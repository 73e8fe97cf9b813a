import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload } from '@nestjs/microservices';
import { AUTH_SUBJECTS, type CreatedUser, type UserSummary } from '@gerbang/contracts';
import { validateInput } from '@gerbang/runtime';
import { auditContextOf } from '../common/audit-context.js';
import { CreateUserDto, ListUsersDto, SetUserActiveDto } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @MessagePattern(AUTH_SUBJECTS.adminCreateUser)
  async create(@Payload() payload: unknown, @Ctx() context: NatsContext): Promise<CreatedUser> {
    const input = await validateInput(CreateUserDto, payload);
    return this.users.create(input, auditContextOf(context, input.actor));
  }

  @MessagePattern(AUTH_SUBJECTS.adminListUsers)
  async list(@Payload() payload: unknown): Promise<UserSummary[]> {
    return this.users.list((await validateInput(ListUsersDto, payload)).realm);
  }

  @MessagePattern(AUTH_SUBJECTS.adminSetUserActive)
  async setActive(@Payload() payload: unknown, @Ctx() context: NatsContext): Promise<UserSummary> {
    const input = await validateInput(SetUserActiveDto, payload);
    return this.users.setActive(input.realm, input.user, input.active, auditContextOf(context, input.actor));
  }
}
