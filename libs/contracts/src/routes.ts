import type { Product } from './common/products.js';
import type { RouteDefinition } from './common/routes.js';
import { AUTOGATE_ROUTES } from './autogate/routes.js';
import { CRM_ROUTES } from './crm/routes.js';
import { ISP_ROUTES } from './isp/routes.js';
import { QR_ROUTES } from './qr/routes.js';
import { RETRIBUSI_ROUTES } from './retribusi/routes.js';

/** Every product's routing table; the gateway serves exactly these. */
export const ROUTES_BY_PRODUCT: Record<Product, RouteDefinition[]> = {
  retribusi: RETRIBUSI_ROUTES,
  crm: CRM_ROUTES,
  isp: ISP_ROUTES,
  qr: QR_ROUTES,
  autogate: AUTOGATE_ROUTES,
};
