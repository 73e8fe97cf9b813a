import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  ConsumeLinkTokenRequest,
  IssuedLinkToken,
  IssuedOneTimeCode,
  IssueLinkTokenRequest,
  IssueOneTimeCodeRequest,
  LinkTokenConsumption,
  OneTimeCodeVerification,
  ResetPasswordRequest,
  VerifyOneTimeCodeRequest,
} from '@gerbang/contracts';
import { checkOneTimeCode, digestSecret, generateLinkToken, generateNumericCode, hashOneTimeCode, ONE_TIME_CODE_DIGITS } from '@gerbang/auth';
import { DomainError } from '@gerbang/runtime';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuditContext } from '../common/audit-context.js';
import { addSeconds, unixSeconds } from '../common/time.js';
import { RealmsService } from '../realms/realms.service.js';
import { UserEntity } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { OneTimeCodeEntity } from './one-time-code.entity.js';

export const ONE_TIME_CODE_DEFAULTS = { ttlSeconds: 300, maxAttempts: 5, digits: ONE_TIME_CODE_DIGITS.default } as const;
/** Link lifetimes by purpose: a reset link is short-lived, a verification link may wait for the mailbox. */
export const LINK_TOKEN_TTL_SECONDS: Record<string, number> = { password_reset: 3600, email_verification: 86_400 };
const DEFAULT_LINK_TTL_SECONDS = 3600;

/**
 * One-time secrets: numeric codes (OTP) bound to a recipient, with a lifetime and an attempt
 * limit, and URL tokens for reset and verification links. Only digests are stored; issuing
 * a new one for the same purpose and recipient retires the previous one.
 */
@Injectable()
export class OneTimeCodesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly realms: RealmsService,
    private readonly audit: AuditService,
  ) {}

  async issueCode(request: IssueOneTimeCodeRequest, context: AuditContext): Promise<IssuedOneTimeCode> {
    const id = randomUUID();
    const code = generateNumericCode(request.digits ?? ONE_TIME_CODE_DEFAULTS.digits);
    const expiresAt = addSeconds(new Date(), request.ttlSeconds ?? ONE_TIME_CODE_DEFAULTS.ttlSeconds);
    await this.dataSource.transaction(async (manager) => {
      await this.retirePending(manager, { realm: request.realm, kind: 'code', purpose: request.purpose, recipient: request.recipient, userId: null });
      await manager.getRepository(OneTimeCodeEntity).insert({
        id,
        realm: request.realm,
        kind: 'code',
        purpose: request.purpose,
        recipient: request.recipient,
        codeHash: hashOneTimeCode(id, code),
        expiresAt,
        maxAttempts: request.maxAttempts ?? ONE_TIME_CODE_DEFAULTS.maxAttempts,
      });
    });
    await this.audit.record(
      { realm: request.realm, type: 'otp.issued', outcome: 'success', subject: request.recipient, details: { purpose: request.purpose } },
      context,
    );
    return { codeId: id, code, expiresAt: unixSeconds(expiresAt) };
  }

  async verifyCode(request: VerifyOneTimeCodeRequest, context: AuditContext): Promise<OneTimeCodeVerification> {
    const result = await this.dataSource.transaction(async (manager): Promise<OneTimeCodeVerification> => {
      const row = await manager
        .getRepository(OneTimeCodeEntity)
        .createQueryBuilder('code')
        .setLock('pessimistic_write')
        .where('code.realm = :realm AND code.kind = :kind AND code.purpose = :purpose AND code.recipient = :recipient AND code.consumedAt IS NULL', {
          realm: request.realm,
          kind: 'code',
          purpose: request.purpose,
          recipient: request.recipient,
        })
        .orderBy('code.createdAt', 'DESC')
        .limit(1)
        .getOne();
      if (!row) return { valid: false, reason: 'not_found' };
      const check = checkOneTimeCode(row, request.code, new Date());
      if (check.valid) {
        await manager.getRepository(OneTimeCodeEntity).update({ id: row.id }, { consumedAt: new Date() });
        return { valid: true };
      }
      if (check.reason !== 'expired')
        await manager.getRepository(OneTimeCodeEntity).update({ id: row.id }, { attempts: Math.min(row.attempts + 1, row.maxAttempts) });
      return { valid: false, reason: check.reason, attemptsRemaining: check.attemptsRemaining };
    });
    await this.audit.record(
      {
        realm: request.realm,
        type: result.valid ? 'otp.verified' : 'otp.failed',
        outcome: result.valid ? 'success' : 'failure',
        subject: request.recipient,
        details: { purpose: request.purpose, ...(result.reason ? { reason: result.reason } : {}) },
      },
      context,
    );
    return result;
  }

  async issueLink(request: IssueLinkTokenRequest, context: AuditContext): Promise<IssuedLinkToken> {
    const user = await this.users.findById(request.realm, request.userId);
    if (!user) throw new DomainError('not_found', `No user ${request.userId} in realm ${request.realm}`);
    const token = generateLinkToken();
    const expiresAt = addSeconds(new Date(), request.ttlSeconds ?? LINK_TOKEN_TTL_SECONDS[request.purpose] ?? DEFAULT_LINK_TTL_SECONDS);
    await this.dataSource.transaction(async (manager) => {
      await this.retirePending(manager, { realm: request.realm, kind: 'link', purpose: request.purpose, recipient: null, userId: user.id });
      await manager.getRepository(OneTimeCodeEntity).insert({
        id: randomUUID(),
        realm: request.realm,
        kind: 'link',
        purpose: request.purpose,
        userId: user.id,
        recipient: user.email,
        codeHash: digestSecret('link-token', token),
        expiresAt,
        maxAttempts: 1,
      });
    });
    await this.audit.record(
      { realm: request.realm, type: 'link_token.issued', outcome: 'success', subject: user.id, details: { purpose: request.purpose } },
      context,
    );
    return { token, expiresAt: unixSeconds(expiresAt) };
  }

  async consumeLink(request: ConsumeLinkTokenRequest, context: AuditContext): Promise<LinkTokenConsumption> {
    const result = await this.dataSource.transaction((manager) => this.consumeWithin(manager, request));
    if (result.valid && request.purpose === 'email_verification' && result.userId) await this.users.markEmailVerified(result.userId);
    await this.audit.record(
      {
        realm: request.realm,
        type: result.valid ? 'link_token.consumed' : 'link_token.refused',
        outcome: result.valid ? 'success' : 'failure',
        subject: result.userId ?? null,
        details: { purpose: request.purpose, ...(result.reason ? { reason: result.reason } : {}) },
      },
      context,
    );
    return result;
  }

  /** Sets a new password with a password_reset link; the policy is checked before the link is spent. */
  async resetPassword(request: ResetPasswordRequest, context: AuditContext): Promise<void> {
    const user = await this.dataSource.transaction(async (manager) => {
      const pending = await this.findLink(manager, { realm: request.realm, purpose: 'password_reset', token: request.token });
      if (pending.valid && pending.row?.userId) {
        const owner = await manager.getRepository(UserEntity).findOneByOrFail({ id: pending.row.userId });
        await this.realms.assertPasswordAllowed(owner.realm, request.newPassword, [owner.username, owner.email], 'newPassword');
      }
      const consumed = await this.consumeWithin(manager, { realm: request.realm, purpose: 'password_reset', token: request.token });
      if (!consumed.valid || !consumed.userId) {
        throw new DomainError('validation_failed', 'Invalid or expired reset token', [
          { field: 'token', message: 'Invalid or expired token', constraint: 'isValid' },
        ]);
      }
      return manager.getRepository(UserEntity).findOneByOrFail({ id: consumed.userId });
    });
    await this.users.setPassword(user, request.newPassword, 'newPassword', context, 'password.reset', null);
  }

  private async consumeWithin(manager: EntityManager, request: ConsumeLinkTokenRequest): Promise<LinkTokenConsumption> {
    const found = await this.findLink(manager, request);
    if (!found.valid || !found.row) return { valid: false, reason: found.reason };
    await manager.getRepository(OneTimeCodeEntity).update({ id: found.row.id }, { consumedAt: new Date(), attempts: 1 });
    return { valid: true, userId: found.row.userId ?? undefined };
  }

  private async findLink(
    manager: EntityManager,
    request: ConsumeLinkTokenRequest,
  ): Promise<{ valid: boolean; reason?: LinkTokenConsumption['reason']; row?: OneTimeCodeEntity }> {
    const row = await manager
      .getRepository(OneTimeCodeEntity)
      .createQueryBuilder('code')
      .setLock('pessimistic_write')
      .where('code.kind = :kind AND code.codeHash = :hash', { kind: 'link', hash: digestSecret('link-token', request.token) })
      .getOne();
    if (!row || row.realm !== request.realm || row.purpose !== request.purpose) return { valid: false, reason: 'invalid' };
    if (row.consumedAt) return { valid: false, reason: 'used' };
    if (row.expiresAt.getTime() <= Date.now()) return { valid: false, reason: 'expired' };
    return { valid: true, row };
  }

  private async retirePending(
    manager: EntityManager,
    scope: { realm: string; kind: 'code' | 'link'; purpose: string; recipient: string | null; userId: string | null },
  ): Promise<void> {
    await manager.query(
      `UPDATE "auth"."one_time_codes" SET "consumed_at" = now()
        WHERE "realm" = $1 AND "kind" = $2 AND "purpose" = $3 AND "consumed_at" IS NULL
          AND (($4::text IS NOT NULL AND "recipient" = $4::text) OR ($5::bigint IS NOT NULL AND "user_id" = $5::bigint))`,
      [scope.realm, scope.kind, scope.purpose, scope.recipient, scope.userId],
    );
  }
}
