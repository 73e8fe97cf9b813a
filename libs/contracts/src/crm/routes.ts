import type { RouteDefinition } from '../common/routes.js';

/** spec routes of crm; the product issue fills this table. */
export const CRM_ROUTES: RouteDefinition[] = [];
