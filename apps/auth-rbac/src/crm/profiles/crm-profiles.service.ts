import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CrmChangePasswordBody, CrmProfileBody, CrmSwitchRoleBody } from '@gerbang/contracts';
import { DomainError } from '@gerbang/runtime';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { RealmsService } from '../../realms/realms.service.js';
import { SessionsService } from '../../sessions/sessions.service.js';
import { PasswordService } from '../../users/password.service.js';
import { UserEntity } from '../../users/user.entity.js';
import { UsersService } from '../../users/users.service.js';
import type { CrmCaller } from '../common/crm-caller.js';
import { idText, invalidField, isNumericId, validateCrmBody } from '../common/crm-errors.js';
import { groupOf } from '../common/crm-groups.js';
import { PartnerDirectory } from '../common/partner-directory.js';
import { assignmentView, CrmCatalogService } from '../roles/crm-catalog.service.js';
import { passwordPolicyMessages } from './password-policy-messages.js';

export type CrmProfileView = Awaited<ReturnType<CrmProfilesService['me']>>;

/**
 * spec/crm-batubara-niaga-api.md "Profile Management": the logged-in user's profile, its
 * active role (one per session), name and phone, and its password. These answer also before
 * the first password change, which is what lifts the gateway's gate.
 */
@Injectable()
export class CrmProfilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: CrmCatalogService,
    private readonly partners: PartnerDirectory,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    private readonly passwords: PasswordService,
    private readonly realms: RealmsService,
    private readonly audit: AuditService,
  ) {}

  /** The user with every role held now or later (each with its permissions) and this session's active role. */
  async me(caller: CrmCaller, manager: EntityManager = this.dataSource.manager, activeRole = caller.principal.activeRole) {
    const user = await this.user(manager, caller);
    const assignments = (await this.catalog.assignmentsOf(manager, [user.id])).get(user.id) ?? [];
    const permissions = await this.catalog.permissionsOf(
      manager,
      assignments.map((assignment) => ({ id: assignment.roleId, allPrivileges: assignment.allPrivileges })),
    );
    const now = Date.now();
    const roles = assignments.map((assignment) => ({
      ...assignmentView(assignment),
      permissions: permissions.get(assignment.roleId) ?? [],
      current: assignment.startsAt.getTime() <= now && (assignment.endsAt === null || assignment.endsAt.getTime() > now),
    }));
    const active = roles.find((role) => role.current && role.name === activeRole) ?? null;
    const partner = user.partnerId ? await this.partners.findMany([user.partnerId]) : new Map();
    const strip = ({ current: _current, ...role }: (typeof roles)[number]) => role;
    return {
      id: user.id,
      name: user.displayName ?? '',
      email: user.email ?? user.username,
      phone: user.phone ?? '',
      group: groupOf(user.groupName),
      partner: user.partnerId ? { id: user.partnerId, name: partner.get(user.partnerId)?.name ?? null } : null,
      passwordChangeRequired: user.passwordChangeRequired,
      assigned_roles: roles.map(strip),
      active_role: active ? strip(active) : null,
    };
  }

  async update(caller: CrmCaller, body: unknown): Promise<CrmProfileView> {
    const input = await validateCrmBody(CrmProfileBody, body);
    return this.dataSource.transaction(async (manager) => {
      const before = await this.me(caller, manager);
      await manager
        .getRepository(UserEntity)
        .update({ id: before.id }, { displayName: input.name.trim(), phone: input.phone?.trim() || null, updatedAt: new Date() });
      const after = await this.me(caller, manager);
      await this.audit.record(
        { realm: 'crm', type: 'crm.profile.updated', outcome: 'success', subject: before.id, details: { before, after } },
        caller.audit,
        manager,
      );
      return after;
    });
  }

  /** One active role per session: the chosen one must be held now; the session gets a new access token carrying it. */
  async switchRole(caller: CrmCaller, body: unknown): Promise<CrmProfileView & { accessToken: string; tokenType: 'Bearer'; expiresIn: number }> {
    const record = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const { roleId } = await validateCrmBody(CrmSwitchRoleBody, { ...record, roleId: idText(record.roleId ?? record.role_id) });
    const [held] = isNumericId(roleId)
      ? await this.dataSource.query<unknown[]>(
          `SELECT 1 FROM "auth"."role_assignments" WHERE "user_id" = $1 AND "role_id" = $2 AND "starts_at" <= now() AND ("ends_at" IS NULL OR "ends_at" > now())`,
          [caller.principal.subject, roleId],
        )
      : [];
    if (!held) throw invalidField('roleId', 'Peran (roleId) tidak dimiliki pengguna atau tidak berlaku saat ini', 'assigned', roleId);
    const token = await this.sessions.reissueAccessToken(caller.principal, 'role_switched', roleId);
    await this.audit.record(
      {
        realm: 'crm',
        type: 'crm.profile.role_switched',
        outcome: 'success',
        subject: caller.principal.subject,
        details: { before: { activeRole: caller.principal.activeRole }, after: { activeRole: token.activeRole } },
      },
      caller.audit,
    );
    const profile = await this.me(caller, this.dataSource.manager, token.activeRole);
    return { ...profile, accessToken: token.accessToken, tokenType: 'Bearer', expiresIn: token.expiresIn };
  }

  /**
   * The document's order: the confirmation matches, the new password differs from the current
   * one and meets the policy, then the current password is verified (wrong: 400). Other
   * sessions end; this one gets a new access token without the first-login flag.
   */
  async changePassword(caller: CrmCaller, body: unknown): Promise<{ message: string; accessToken: string; tokenType: 'Bearer'; expiresIn: number }> {
    const input = await validateCrmBody(CrmChangePasswordBody, body);
    if (input.passwordConfirm !== input.newPassword) {
      throw invalidField('passwordConfirm', 'passwordConfirm harus sama dengan newPassword', 'eqfield', '');
    }
    if (input.newPassword === input.currentPassword) {
      throw invalidField('newPassword', 'newPassword harus berbeda dari currentPassword', 'nefield', '');
    }
    const user = await this.user(this.dataSource.manager, caller);
    const { passwordPolicy } = await this.realms.policies('crm');
    const broken = passwordPolicyMessages(input.newPassword, passwordPolicy, [user.username, user.email]);
    if (broken.length > 0) throw invalidField('newPassword', `newPassword tidak memenuhi kebijakan kata sandi: ${broken.join(', ')}`, 'password_policy', '');
    if (!(await this.passwords.verify(user.passwordHash, input.currentPassword))) {
      await this.audit.record({ realm: 'crm', type: 'password.change_failed', outcome: 'failure', subject: user.id }, caller.audit);
      throw invalidField('currentPassword', 'currentPassword tidak sesuai dengan kata sandi saat ini', 'matches', '');
    }
    const session = await this.sessions.sessionOfAccessToken(caller.principal.tokenId);
    await this.users.setPassword(user, input.newPassword, 'newPassword', caller.audit, 'password.changed', session);
    const token = await this.sessions.reissueAccessToken(caller.principal, 'password_changed');
    return { message: 'Kata sandi berhasil diubah', accessToken: token.accessToken, tokenType: 'Bearer', expiresIn: token.expiresIn };
  }

  private async user(manager: EntityManager, caller: CrmCaller): Promise<UserEntity> {
    const user = await manager.getRepository(UserEntity).findOneBy({ id: caller.principal.subject, realm: 'crm' });
    if (!user) throw new DomainError('unauthenticated', 'Token tidak valid atau kedaluwarsa');
    if (!user.active) throw new DomainError('account_inactive', 'Pengguna tidak aktif');
    return user;
  }
}
