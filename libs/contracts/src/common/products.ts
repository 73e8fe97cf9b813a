/** The five products Gerbang serves; each is also an auth realm. */
export const PRODUCTS = ['retribusi', 'crm', 'isp', 'qr', 'autogate'] as const;
export type Product = (typeof PRODUCTS)[number];

export function isProduct(value: string): value is Product {
  return (PRODUCTS as readonly string[]).includes(value);
}

/** Path prefix a product is served under at the gateway (retribusi sits at the root). */
export const PRODUCT_PREFIX: Record<Product, string> = {
  retribusi: '',
  crm: '/crm',
  isp: '/isp',
  qr: '/qr',
  autogate: '/autogate',
};
