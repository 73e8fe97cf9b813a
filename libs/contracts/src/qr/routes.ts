import type { RouteDefinition } from '../common/routes.js';

/** spec routes of qr; the product issue fills this table. */
export const QR_ROUTES: RouteDefinition[] = [];
