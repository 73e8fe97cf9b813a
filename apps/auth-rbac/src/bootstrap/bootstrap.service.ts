import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PRODUCTS, type Product } from '@gerbang/contracts';
import { DEFAULT_LOCKOUT_POLICY, DEFAULT_PASSWORD_POLICY, passwordPolicyViolations } from '@gerbang/auth';
import { advisoryLockKey } from '@gerbang/database';
import { ConfigurationError, LOGGER } from '@gerbang/runtime';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiKeysService, type ApiKeySeed } from '../api-keys/api-keys.service.js';
import { AuditService } from '../audit/audit.service.js';
import { SYSTEM_CONTEXT } from '../common/audit-context.js';
import { AUTH_CONFIG, type AuthConfig } from '../config/auth.config.js';
import { RealmEntity } from '../realms/realm.entity.js';
import { RoleEntity } from '../roles/role.entity.js';
import { RolesService } from '../roles/roles.service.js';
import { PasswordService } from '../users/password.service.js';
import { UsersService } from '../users/users.service.js';
import { BOOTSTRAP_ADMIN, REALM_SEEDS } from './realm-seeds.js';

/**
 * Brings an empty database to a usable state and is a no-op afterwards: realms with their
 * policies, the seeded catalog and roles, one admin per realm, and the API keys the
 * environment asks for. It runs in one transaction under an advisory lock, so two replicas
 * booting at once seed once. It never overwrites what operators changed (an admin's
 * password, a role's permissions).
 */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly roles: RolesService,
    private readonly users: UsersService,
    private readonly passwords: PasswordService,
    private readonly apiKeys: ApiKeysService,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const seeded = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [advisoryLockKey('auth:bootstrap')]);
      const created: string[] = [];
      for (const realm of PRODUCTS) {
        await this.seedRealm(manager, realm);
        if (await this.seedAdmin(manager, realm)) created.push(realm);
      }
      for (const seed of this.apiKeySeeds()) {
        const outcome = await this.apiKeys.seed(manager, seed, SYSTEM_CONTEXT);
        if (outcome === 'created') this.logger.info({ source: seed.source, realm: seed.realm }, 'seeded API key from the environment');
      }
      return created;
    });
    if (seeded.length > 0) {
      if (this.config.BOOTSTRAP_ADMIN_PASSWORD === 'Gerbang#Admin2025') {
        this.logger.warn('bootstrap admins use the documented default password: set BOOTSTRAP_ADMIN_PASSWORD or change it after the first login');
      }
      this.logger.info({ realms: seeded }, 'bootstrapped realm admins');
    }
  }

  private async seedRealm(manager: EntityManager, realm: Product): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(RealmEntity)
      .values({ name: realm, passwordPolicy: { ...DEFAULT_PASSWORD_POLICY }, lockoutPolicy: { ...DEFAULT_LOCKOUT_POLICY } })
      .orIgnore()
      .execute();
    for (const resource of REALM_SEEDS[realm].resources) await this.roles.defineResourceWithin(manager, { realm, ...resource });
    for (const role of REALM_SEEDS[realm].roles) {
      const exists = await manager.getRepository(RoleEntity).existsBy({ realm, name: role.name });
      if (!exists) await this.roles.upsertRoleWithin(manager, { realm, ...role });
    }
  }

  private async seedAdmin(manager: EntityManager, realm: Product): Promise<boolean> {
    const admin = BOOTSTRAP_ADMIN[realm];
    if (await this.users.findByIdentifier(realm, admin.username, manager)) return false;
    const realmRow = await manager.getRepository(RealmEntity).findOneByOrFail({ name: realm });
    const violations = passwordPolicyViolations(this.config.BOOTSTRAP_ADMIN_PASSWORD, { ...DEFAULT_PASSWORD_POLICY, ...realmRow.passwordPolicy }, [
      admin.username,
      admin.email,
    ]);
    if (violations.length > 0) {
      throw new ConfigurationError(`BOOTSTRAP_ADMIN_PASSWORD does not meet the ${realm} password policy: ${violations.join('; ')}`);
    }
    const user = await this.users.createWithin(
      manager,
      {
        realm,
        username: admin.username,
        email: admin.email,
        displayName: 'Administrator',
        passwordHash: await this.passwords.hash(this.config.BOOTSTRAP_ADMIN_PASSWORD),
        active: true,
        passwordChangeRequired: false,
        role: 'admin',
      },
      'bootstrap',
    );
    await this.audit.record(
      { realm, type: 'user.created', outcome: 'success', subject: user.id, details: { username: admin.username, role: 'admin', bootstrap: true } },
      SYSTEM_CONTEXT,
    );
    return true;
  }

  private apiKeySeeds(): ApiKeySeed[] {
    const seeds: ApiKeySeed[] = [];
    if (this.config.RETRIBUSI_API_KEY) {
      seeds.push({
        source: 'RETRIBUSI_API_KEY',
        realm: 'retribusi',
        value: this.config.RETRIBUSI_API_KEY,
        name: 'retribusi ingest (RETRIBUSI_API_KEY)',
        scopes: ['retribusi:ingest'],
      });
    }
    if (this.config.ISP_API_KEY) {
      seeds.push({
        source: 'ISP_API_KEY',
        realm: 'isp',
        value: this.config.ISP_API_KEY,
        name: 'isp billing partner (ISP_API_KEY, X-MYWIFI-KEY)',
        scopes: ['isp:billing'],
      });
    }
    return seeds;
  }
}
