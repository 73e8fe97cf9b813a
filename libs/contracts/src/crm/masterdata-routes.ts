import type { RouteDefinition } from '../common/routes.js';

/** spec/crm-batubara-niaga-api.md master and reference data, answered by crm-masterdata. */
export const CRM_MASTERDATA_ROUTES: RouteDefinition[] = [];
