import type { RouteDefinition } from '../common/routes.js';

/** spec routes of isp; the product issue fills this table. */
export const ISP_ROUTES: RouteDefinition[] = [];
