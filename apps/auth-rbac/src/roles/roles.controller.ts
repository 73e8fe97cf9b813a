import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload } from '@nestjs/microservices';
import { AUTH_SUBJECTS, type PermissionCheckReply, type ResourceSummary, type RoleSummary, type UserSummary } from '@gerbang/contracts';
import { validateInput } from '@gerbang/runtime';
import { auditContextOf } from '../common/audit-context.js';
import { UsersService } from '../users/users.service.js';
import { AssignRoleDto, DefineResourceDto, ListRolesDto, PermissionCheckDto, UnassignRoleDto, UpsertRoleDto } from './dto/role.dto.js';
import { RolesService } from './roles.service.js';

@Controller()
export class RolesController {
  constructor(
    private readonly roles: RolesService,
    private readonly users: UsersService,
  ) {}

  /** PermissionCheckRequest from the gateway: is the user's active role granted resource:privilege now? */
  @MessagePattern(AUTH_SUBJECTS.checkPermission)
  async check(@Payload() payload: unknown): Promise<PermissionCheckReply> {
    const input = await validateInput(PermissionCheckDto, payload);
    return this.roles.checkPermission({ realm: input.realm, subject: input.subject, role: input.role ?? null, permission: input.permission });
  }

  @MessagePattern(AUTH_SUBJECTS.adminUpsertRole)
  async upsert(@Payload() payload: unknown, @Ctx() context: NatsContext): Promise<RoleSummary> {
    const input = await validateInput(UpsertRoleDto, payload);
    return this.roles.upsertRole(input, auditContextOf(context, input.actor));
  }

  @MessagePattern(AUTH_SUBJECTS.adminListRoles)
  async list(@Payload() payload: unknown): Promise<RoleSummary[]> {
    return this.roles.listRoles((await validateInput(ListRolesDto, payload)).realm);
  }

  @MessagePattern(AUTH_SUBJECTS.adminDefineResource)
  async defineResource(@Payload() payload: unknown, @Ctx() context: NatsContext): Promise<ResourceSummary> {
    const input = await validateInput(DefineResourceDto, payload);
    return this.roles.defineResource(input, auditContextOf(context, input.actor));
  }

  @MessagePattern(AUTH_SUBJECTS.adminAssignRole)
  async assign(@Payload() payload: unknown, @Ctx() context: NatsContext): Promise<UserSummary> {
    const input = await validateInput(AssignRoleDto, payload);
    const user = await this.users.resolve(input.realm, input.user);
    await this.roles.assign(
      input.realm,
      user.id,
      input.role,
      { startsAt: input.startsAt ? new Date(input.startsAt) : undefined, endsAt: input.endsAt ? new Date(input.endsAt) : null },
      auditContextOf(context, input.actor),
    );
    const [summary] = await this.users.summaries([user]);
    return summary;
  }

  @MessagePattern(AUTH_SUBJECTS.adminUnassignRole)
  async unassign(@Payload() payload: unknown, @Ctx() context: NatsContext): Promise<UserSummary> {
    const input = await validateInput(UnassignRoleDto, payload);
    const user = await this.users.resolve(input.realm, input.user);
    await this.roles.unassign(input.realm, user.id, input.role, auditContextOf(context, input.actor));
    const [summary] = await this.users.summaries([user]);
    return summary;
  }
}
