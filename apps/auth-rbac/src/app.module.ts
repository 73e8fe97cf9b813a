import { Module, type DynamicModule } from '@nestjs/common';
import { DatabaseModule } from '@gerbang/database';
import { connectNats, loadConfig, ServiceRuntimeModule } from '@gerbang/runtime';
import type { Logger } from 'pino';
import { ApiKeyEntity } from './api-keys/api-key.entity.js';
import { ApiKeysController } from './api-keys/api-keys.controller.js';
import { ApiKeysService } from './api-keys/api-keys.service.js';
import { AuditEventEntity } from './audit/audit-event.entity.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditService } from './audit/audit.service.js';
import { BootstrapService } from './bootstrap/bootstrap.service.js';
import { AUTH_CONFIG, AuthConfig } from './config/auth.config.js';
import { CRM_IDENTITY_CONTROLLERS, CRM_IDENTITY_PROVIDERS } from './crm/crm-identity.js';
import { AuthEvents, EVENTS_CONNECTION } from './events/auth-events.js';
import { HousekeepingService } from './housekeeping/housekeeping.service.js';
import { Baseline1732300000000 } from './migrations/1732300000000-baseline.js';
import { AuthSchema1732400000000 } from './migrations/1732400000000-auth-schema.js';
import { CrmCatalog1732510000000 } from './migrations/1732510000000-crm-catalog.js';
import { CrmIdentity1732520000000 } from './migrations/1732520000000-crm-identity.js';
import { ClientTokenEntity } from './oauth-clients/client-token.entity.js';
import { OAuthClientEntity } from './oauth-clients/oauth-client.entity.js';
import { OAuthClientsController } from './oauth-clients/oauth-clients.controller.js';
import { OAuthClientsService } from './oauth-clients/oauth-clients.service.js';
import { OneTimeCodeEntity } from './one-time-codes/one-time-code.entity.js';
import { OneTimeCodesController } from './one-time-codes/one-time-codes.controller.js';
import { OneTimeCodesService } from './one-time-codes/one-time-codes.service.js';
import { PrincipalController } from './principal/principal.controller.js';
import { RealmEntity } from './realms/realm.entity.js';
import { RealmsController } from './realms/realms.controller.js';
import { RealmsService } from './realms/realms.service.js';
import { PrivilegeEntity } from './roles/privilege.entity.js';
import { ResourceEntity } from './roles/resource.entity.js';
import { RoleAssignmentEntity } from './roles/role-assignment.entity.js';
import { RolePrivilegeEntity } from './roles/role-privilege.entity.js';
import { RoleEntity } from './roles/role.entity.js';
import { RolesController } from './roles/roles.controller.js';
import { RolesService } from './roles/roles.service.js';
import { RefreshTokenEntity } from './sessions/refresh-token.entity.js';
import { RevocationService } from './sessions/revocation.service.js';
import { RevokedTokenEntity } from './sessions/revoked-token.entity.js';
import { SessionEntity } from './sessions/session.entity.js';
import { SessionsController } from './sessions/sessions.controller.js';
import { SessionsService } from './sessions/sessions.service.js';
import { SigningKeyEntity } from './signing-keys/signing-key.entity.js';
import { SigningKeysController } from './signing-keys/signing-keys.controller.js';
import { SigningKeysService } from './signing-keys/signing-keys.service.js';
import { PasswordService } from './users/password.service.js';
import { UserEntity } from './users/user.entity.js';
import { UsersController } from './users/users.controller.js';
import { UsersService } from './users/users.service.js';

export const AUTH_SCHEMA = 'auth';

const ENTITIES = [
  RealmEntity,
  UserEntity,
  ResourceEntity,
  PrivilegeEntity,
  RoleEntity,
  RolePrivilegeEntity,
  RoleAssignmentEntity,
  SigningKeyEntity,
  SessionEntity,
  RefreshTokenEntity,
  RevokedTokenEntity,
  ApiKeyEntity,
  OAuthClientEntity,
  ClientTokenEntity,
  OneTimeCodeEntity,
  AuditEventEntity,
];

@Module({})
export class AppModule {
  static create(logger: Logger): DynamicModule {
    // Refuses to start on an invalid environment, naming each bad variable.
    const config = loadConfig(AuthConfig);
    return {
      module: AppModule,
      imports: [
        ServiceRuntimeModule.forApp('auth-rbac', logger),
        DatabaseModule.forService({
          schema: AUTH_SCHEMA,
          entities: ENTITIES,
          migrations: [Baseline1732300000000, AuthSchema1732400000000, CrmCatalog1732510000000, CrmIdentity1732520000000],
        }),
      ],
      controllers: [
        SessionsController,
        PrincipalController,
        SigningKeysController,
        ApiKeysController,
        OAuthClientsController,
        RolesController,
        UsersController,
        RealmsController,
        OneTimeCodesController,
        AuditController,
        ...CRM_IDENTITY_CONTROLLERS,
      ],
      providers: [
        { provide: AUTH_CONFIG, useValue: config },
        { provide: EVENTS_CONNECTION, useFactory: () => connectNats('auth-rbac-events') },
        AuthEvents,
        AuditService,
        RealmsService,
        PasswordService,
        RevocationService,
        RolesService,
        UsersService,
        SigningKeysService,
        SessionsService,
        ApiKeysService,
        OAuthClientsService,
        OneTimeCodesService,
        BootstrapService,
        HousekeepingService,
        ...CRM_IDENTITY_PROVIDERS,
      ],
    };
  }
}
