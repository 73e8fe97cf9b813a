import type { RouteDefinition } from '../common/routes.js';

/** spec/crm-batubara-niaga-api.md users, roles, privileges and profiles, answered by auth-rbac (realm crm). */
export const CRM_IDENTITY_ROUTES: RouteDefinition[] = [];
