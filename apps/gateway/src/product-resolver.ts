import { PRODUCT_PREFIX, PRODUCTS, isProduct, type Product } from '@gerbang/contracts';

export type ProductHosts = Map<string, Product>;

/** Parses PRODUCT_HOSTS (`crm.example.com=crm,isp.example.com=isp`); throws on a bad entry. */
export function parseProductHosts(value: string): ProductHosts {
  const hosts: ProductHosts = new Map();
  for (const entry of value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [host, product] = entry.split('=').map((part) => part.trim().toLowerCase());
    if (!host || !product || !isProduct(product))
      throw new Error(`PRODUCT_HOSTS entry "${entry}" must be host=product with product one of ${PRODUCTS.join(', ')}`);
    hosts.set(host, product);
  }
  return hosts;
}

export function hostOf(hostHeader: string | undefined): string {
  return (hostHeader ?? '').toLowerCase().replace(/:\d+$/, '');
}

/** Which product a request belongs to: its host when mapped, else its path prefix, else retribusi (the root). */
export function productFor(hostHeader: string | undefined, path: string, hosts: ProductHosts): Product {
  const mapped = hosts.get(hostOf(hostHeader));
  if (mapped) return mapped;
  for (const product of PRODUCTS) {
    const prefix = PRODUCT_PREFIX[product];
    if (prefix && (path === prefix || path.startsWith(`${prefix}/`))) return product;
  }
  return 'retribusi';
}
