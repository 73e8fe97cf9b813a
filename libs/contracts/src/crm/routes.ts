import type { RouteDefinition } from '../common/routes.js';
import { CRM_IDENTITY_ROUTES } from './identity-routes.js';
import { CRM_MASTERDATA_ROUTES } from './masterdata-routes.js';

/** spec/crm-batubara-niaga-api.md, served under /crm. */
export const CRM_ROUTES: RouteDefinition[] = [...CRM_IDENTITY_ROUTES, ...CRM_MASTERDATA_ROUTES];
