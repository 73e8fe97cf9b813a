import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { CreatedUser, CreateUserRequest, LockoutPolicy, UserSummary } from '@gerbang/contracts';
import { generatePassword, recordFailedAttempt, type LockoutState } from '@gerbang/auth';
import { DomainError } from '@gerbang/runtime';
import { DataSource, Repository, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuditContext } from '../common/audit-context.js';
import { isUniqueViolation } from '../common/database-errors.js';
import { isoOrNull } from '../common/time.js';
import { RealmsService } from '../realms/realms.service.js';
import { RolesService } from '../roles/roles.service.js';
import { RevocationService } from '../sessions/revocation.service.js';
import { PasswordService } from './password.service.js';
import { UserEntity } from './user.entity.js';

export interface NewUser {
  realm: string;
  username: string;
  email: string | null;
  displayName: string | null;
  passwordHash: string;
  active: boolean;
  passwordChangeRequired: boolean;
  role: string;
}

/** Users of every realm: accounts, passwords, activation and the login failure count. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly realms: RealmsService,
    private readonly roles: RolesService,
    private readonly passwords: PasswordService,
    private readonly revocation: RevocationService,
    private readonly audit: AuditService,
  ) {}

  /** By username or e-mail, case-insensitively; an exact username match wins. */
  async findByIdentifier(realm: string, identifier: string, manager: EntityManager = this.dataSource.manager): Promise<UserEntity | null> {
    const matches = await manager
      .getRepository(UserEntity)
      .createQueryBuilder('account')
      .where('account.realm = :realm', { realm })
      .andWhere('(lower(account.username) = lower(:identifier) OR lower(account.email) = lower(:identifier))', { identifier })
      .limit(2)
      .getMany();
    const lowered = identifier.toLowerCase();
    return matches.find((user) => user.username.toLowerCase() === lowered) ?? matches[0] ?? null;
  }

  async findById(realm: string, id: string): Promise<UserEntity | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    return this.users.findOneBy({ realm, id });
  }

  /** A user named by numeric id, username or e-mail. */
  async resolve(realm: string, reference: string): Promise<UserEntity> {
    const user = /^\d{1,18}$/.test(reference) ? await this.findById(realm, reference) : await this.findByIdentifier(realm, reference);
    if (!user) throw new DomainError('not_found', `No user ${reference} in realm ${realm}`);
    return user;
  }

  async create(request: CreateUserRequest, context: AuditContext): Promise<CreatedUser> {
    const username = request.username ?? request.email;
    if (!username)
      throw new DomainError('validation_failed', 'Validation failed', [
        { field: 'username', message: 'Field is required (or give an email)', constraint: 'isDefined' },
      ]);
    const { passwordPolicy } = await this.realms.policies(request.realm);
    const generated = request.password === undefined ? generatePassword(passwordPolicy) : undefined;
    const password = request.password ?? (generated as string);
    await this.realms.assertPasswordAllowed(request.realm, password, [username, request.email], 'password');
    const passwordHash = await this.passwords.hash(password);
    const user = await this.dataSource.transaction((manager) =>
      this.createWithin(
        manager,
        {
          realm: request.realm,
          username,
          email: request.email ?? null,
          displayName: request.displayName ?? null,
          passwordHash,
          active: request.active ?? true,
          passwordChangeRequired: request.passwordChangeRequired ?? generated !== undefined,
          role: request.role,
        },
        context.actor,
      ),
    );
    await this.audit.record(
      { realm: request.realm, type: 'user.created', outcome: 'success', subject: user.id, details: { username, role: request.role } },
      context,
    );
    const [summary] = await this.summaries([user]);
    return { ...summary, ...(generated !== undefined ? { generatedPassword: generated } : {}) };
  }

  async createWithin(manager: EntityManager, user: NewUser, createdBy: string | null): Promise<UserEntity> {
    const role = await this.roles.requireRole(manager, user.realm, user.role);
    const repository = manager.getRepository(UserEntity);
    let saved: UserEntity;
    try {
      // A savepoint keeps the surrounding transaction usable after a unique violation.
      saved = await manager.transaction((inner) =>
        inner.getRepository(UserEntity).save(
          repository.create({
            realm: user.realm,
            username: user.username,
            email: user.email,
            displayName: user.displayName,
            passwordHash: user.passwordHash,
            active: user.active,
            passwordChangeRequired: user.passwordChangeRequired,
            passwordChangedAt: new Date(),
          }),
        ),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('conflict', 'A user with this username or e-mail already exists');
      throw error;
    }
    await this.roles.assignWithin(manager, saved.id, role, {}, createdBy);
    return saved;
  }

  async list(realm: string): Promise<UserSummary[]> {
    return this.summaries(await this.users.find({ where: { realm }, order: { id: 'ASC' } }));
  }

  async setActive(realm: string, reference: string, active: boolean, context: AuditContext): Promise<UserSummary> {
    const user = await this.resolve(realm, reference);
    await this.users.update({ id: user.id }, { active, updatedAt: new Date(), ...(active ? { failedLoginCount: 0, lockedUntil: null } : {}) });
    if (!active) await this.revocation.revokeUserSessions(user.id, 'user_deactivated');
    await this.audit.record({ realm, type: active ? 'user.activated' : 'user.deactivated', outcome: 'success', subject: user.id }, context);
    const [summary] = await this.summaries([{ ...user, active }]);
    return summary;
  }

  /** Counts one failed login under a row lock, so parallel attempts all count. */
  async recordFailedLogin(userId: string, policy: LockoutPolicy, now: Date): Promise<LockoutState & { lockedNow: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.getRepository(UserEntity).findOne({ where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new Error(`user ${userId} vanished`);
      const next = recordFailedAttempt(
        { failedAttempts: user.failedLoginCount, lastFailedAt: user.lastFailedLoginAt, lockedUntil: user.lockedUntil },
        policy,
        now,
      );
      await manager
        .getRepository(UserEntity)
        .update({ id: userId }, { failedLoginCount: next.failedAttempts, lastFailedLoginAt: next.lastFailedAt, lockedUntil: next.lockedUntil });
      return next;
    });
  }

  /** Resets the failure count; replaces the hash when the argon2 parameters changed. */
  async recordLogin(user: UserEntity, password: string, now: Date): Promise<void> {
    const upgrade = this.passwords.needsUpgrade(user.passwordHash) ? { passwordHash: await this.passwords.hash(password) } : {};
    await this.users.update({ id: user.id }, { failedLoginCount: 0, lastFailedLoginAt: null, lockedUntil: null, lastLoginAt: now, ...upgrade });
  }

  async changePassword(user: UserEntity, currentPassword: string, newPassword: string, context: AuditContext, keepSessionId: string | null): Promise<void> {
    if (!(await this.passwords.verify(user.passwordHash, currentPassword))) {
      await this.audit.record({ realm: user.realm, type: 'password.change_failed', outcome: 'failure', subject: user.id }, context);
      throw new DomainError('validation_failed', 'Validation failed', [
        { field: 'current_password', message: 'Current password is incorrect', constraint: 'matches' },
      ]);
    }
    if (currentPassword === newPassword) {
      throw new DomainError('validation_failed', 'Validation failed', [
        { field: 'new_password', message: 'Must differ from the current password', constraint: 'differs' },
      ]);
    }
    await this.setPassword(user, newPassword, 'new_password', context, 'password.changed', keepSessionId);
  }

  /** Policy check, new hash, `pcr` cleared, other sessions ended. */
  async setPassword(
    user: UserEntity,
    newPassword: string,
    field: string,
    context: AuditContext,
    auditType: string,
    keepSessionId: string | null,
  ): Promise<void> {
    await this.realms.assertPasswordAllowed(user.realm, newPassword, [user.username, user.email], field);
    const passwordHash = await this.passwords.hash(newPassword);
    const now = new Date();
    await this.users.update(
      { id: user.id },
      { passwordHash, passwordChangeRequired: false, passwordChangedAt: now, failedLoginCount: 0, lockedUntil: null, updatedAt: now },
    );
    await this.revocation.revokeUserSessions(user.id, 'password_changed', keepSessionId);
    await this.audit.record({ realm: user.realm, type: auditType, outcome: 'success', subject: user.id }, context);
  }

  async markEmailVerified(userId: string): Promise<void> {
    await this.users.update({ id: userId }, { emailVerifiedAt: new Date() });
  }

  async summaries(users: UserEntity[]): Promise<UserSummary[]> {
    const assignments = await this.roles.assignmentsOf(users.map((user) => user.id));
    return users.map((user) => ({
      id: Number(user.id),
      realm: user.realm,
      username: user.username,
      email: user.email,
      displayName: user.displayName,
      active: user.active,
      passwordChangeRequired: user.passwordChangeRequired,
      lockedUntil: user.lockedUntil && user.lockedUntil.getTime() > Date.now() ? user.lockedUntil.toISOString() : null,
      lastLoginAt: isoOrNull(user.lastLoginAt),
      createdAt: user.createdAt.toISOString(),
      roles: assignments.get(user.id) ?? [],
    }));
  }
}
