import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { FieldError, LockoutPolicy, PasswordPolicy, RealmPolicyReply, SetRealmPolicyRequest } from '@gerbang/contracts';
import { DEFAULT_LOCKOUT_POLICY, DEFAULT_PASSWORD_POLICY, mergeLockoutPolicy, mergePasswordPolicy, passwordPolicyViolations } from '@gerbang/auth';
import { DomainError } from '@gerbang/runtime';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuditContext } from '../common/audit-context.js';
import { RealmEntity } from './realm.entity.js';

export interface RealmPolicies {
  passwordPolicy: PasswordPolicy;
  lockoutPolicy: LockoutPolicy;
}

/** Realm settings: each realm stores its own password and lockout policy. */
@Injectable()
export class RealmsService {
  constructor(
    @InjectRepository(RealmEntity) private readonly realms: Repository<RealmEntity>,
    private readonly audit: AuditService,
  ) {}

  async policies(realm: string): Promise<RealmPolicies> {
    const row = await this.realms.findOneBy({ name: realm });
    if (!row) throw new DomainError('not_found', `Realm ${realm} is not set up`);
    // Stored policies are merged over the defaults, so a rule added later has a value.
    return {
      passwordPolicy: { ...DEFAULT_PASSWORD_POLICY, ...row.passwordPolicy },
      lockoutPolicy: { ...DEFAULT_LOCKOUT_POLICY, ...row.lockoutPolicy },
    };
  }

  /** Throws validation_failed on `field` with every rule the password breaks. */
  async assertPasswordAllowed(realm: string, password: string, identifiers: Array<string | null | undefined>, field: string): Promise<void> {
    const { passwordPolicy } = await this.policies(realm);
    const violations = passwordPolicyViolations(password, passwordPolicy, identifiers);
    if (violations.length > 0) {
      const fields: FieldError[] = violations.map((message) => ({ field, message, constraint: 'passwordPolicy' }));
      throw new DomainError('validation_failed', 'Password does not meet the password policy', fields);
    }
  }

  async setPolicy(request: SetRealmPolicyRequest, context: AuditContext): Promise<RealmPolicyReply> {
    const current = await this.policies(request.realm);
    let next: RealmPolicies;
    try {
      next = {
        passwordPolicy: mergePasswordPolicy(current.passwordPolicy, request.passwordPolicy),
        lockoutPolicy: mergeLockoutPolicy(current.lockoutPolicy, request.lockoutPolicy),
      };
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      throw new DomainError('validation_failed', 'Invalid policy', [{ field: 'policy', message: error.message, constraint: 'range' }]);
    }
    await this.realms.update({ name: request.realm }, { ...next, updatedAt: new Date() });
    await this.audit.record({ realm: request.realm, type: 'realm.policy_changed', outcome: 'success', subject: request.realm, details: { ...next } }, context);
    return { realm: request.realm, ...next };
  }
}
