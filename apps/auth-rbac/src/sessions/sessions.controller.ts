import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload } from '@nestjs/microservices';
import { AUTH_SUBJECTS, type RevocationsReply, type ServiceReply } from '@gerbang/contracts';
import { DomainError, validateInput } from '@gerbang/runtime';
import { auditContextOf } from '../common/audit-context.js';
import { realmOfMessage } from '../common/realm.js';
import { bodyOf, bodyRecord, userPrincipalOf } from '../common/service-request.js';
import { ChangePasswordBody } from '../users/dto/user.dto.js';
import { UsersService } from '../users/users.service.js';
import { LogoutBody, RefreshBody } from './dto/refresh.dto.js';
import { LOGIN_ADAPTERS } from './login-adapters.js';
import { RevocationService } from './revocation.service.js';
import { SessionsService } from './sessions.service.js';

/** User-facing session subjects; each receives the gateway's ServiceRequest. */
@Controller()
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    private readonly revocation: RevocationService,
  ) {}

  @MessagePattern(AUTH_SUBJECTS.login)
  async login(@Payload() request: unknown, @Ctx() context: NatsContext): Promise<ServiceReply> {
    const realm = realmOfMessage(context);
    const adapter = LOGIN_ADAPTERS[realm];
    const session = await this.sessions.login(await adapter.parseLogin(realm, bodyOf(request)), auditContextOf(context));
    return { data: adapter.renderSession(session) };
  }

  /** Body {refresh_token} (refreshToken accepted); answers like login with a new pair. */
  @MessagePattern(AUTH_SUBJECTS.refresh)
  async refresh(@Payload() request: unknown, @Ctx() context: NatsContext): Promise<ServiceReply> {
    const realm = realmOfMessage(context);
    const body = bodyRecord(request);
    const input = await validateInput(RefreshBody, { refresh_token: body.refresh_token ?? body.refreshToken });
    const session = await this.sessions.refresh({ realm, refreshToken: input.refresh_token }, auditContextOf(context));
    return { data: LOGIN_ADAPTERS[realm].renderSession(session) };
  }

  @MessagePattern(AUTH_SUBJECTS.logout)
  async logout(@Payload() request: unknown, @Ctx() context: NatsContext): Promise<ServiceReply> {
    const principal = userPrincipalOf(context, realmOfMessage(context));
    const body = bodyRecord(request);
    const input = await validateInput(LogoutBody, { refresh_token: body.refresh_token ?? body.refreshToken });
    await this.sessions.logout(principal, input.refresh_token, auditContextOf(context));
    return { data: { logged_out: true } };
  }

  @MessagePattern(AUTH_SUBJECTS.me)
  async me(@Ctx() context: NatsContext): Promise<ServiceReply> {
    const realm = realmOfMessage(context);
    const principal = userPrincipalOf(context, realm);
    const user = await this.users.findById(realm, principal.subject);
    if (!user) throw new DomainError('unauthenticated', 'Invalid or expired token');
    if (!user.active) throw new DomainError('account_inactive', 'User inactive');
    return { data: LOGIN_ADAPTERS[realm].renderUser(user, principal.activeRole) };
  }

  /** Body {current_password, new_password} (camelCase accepted). Other sessions end; this one stays. */
  @MessagePattern(AUTH_SUBJECTS.changePassword)
  async changePassword(@Payload() request: unknown, @Ctx() context: NatsContext): Promise<ServiceReply> {
    const realm = realmOfMessage(context);
    const principal = userPrincipalOf(context, realm);
    const body = bodyRecord(request);
    const input = await validateInput(ChangePasswordBody, {
      current_password: body.current_password ?? body.currentPassword,
      new_password: body.new_password ?? body.newPassword,
    });
    const user = await this.users.findById(realm, principal.subject);
    if (!user) throw new DomainError('unauthenticated', 'Invalid or expired token');
    const keep = await this.sessions.sessionOfAccessToken(principal.tokenId);
    await this.users.changePassword(user, input.current_password, input.new_password, auditContextOf(context), keep);
    return { data: { password_changed: true } };
  }

  @MessagePattern(AUTH_SUBJECTS.revocations)
  async revocations(): Promise<RevocationsReply> {
    return { revoked: await this.revocation.unexpired() };
  }
}
