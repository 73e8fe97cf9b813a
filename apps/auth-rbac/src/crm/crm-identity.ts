import { PartnerDirectory } from './common/partner-directory.js';
import { CrmProfilesController } from './profiles/crm-profiles.controller.js';
import { CrmProfilesService } from './profiles/crm-profiles.service.js';
import { CrmCatalogService } from './roles/crm-catalog.service.js';
import { CrmPrivilegesService } from './roles/crm-privileges.service.js';
import { CrmRolesController } from './roles/crm-roles.controller.js';
import { CrmRolesService } from './roles/crm-roles.service.js';
import { CrmUsersController } from './users/crm-users.controller.js';
import { CrmUsersService } from './users/crm-users.service.js';

/** spec/crm-batubara-niaga-api.md users, roles, privileges and profiles (realm crm), registered in the app module. */
export const CRM_IDENTITY_CONTROLLERS = [CrmUsersController, CrmRolesController, CrmProfilesController];
export const CRM_IDENTITY_PROVIDERS = [PartnerDirectory, CrmCatalogService, CrmUsersService, CrmRolesService, CrmPrivilegesService, CrmProfilesService];
