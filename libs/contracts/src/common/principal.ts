import type { Product } from './products.js';

/** Who is calling, as established by the gateway; services trust it from the NATS header. */
export type Principal = UserPrincipal | ApiKeyPrincipal | ClientPrincipal;

export interface UserPrincipal {
  kind: 'user';
  realm: Product;
  subject: string;
  username: string;
  roles: string[];
  activeRole: string | null;
  tokenId: string;
  /** Unix seconds when the access token expires (logout revokes until then). */
  expiresAt: number;
  /** True until a user with an issued default password sets their own. */
  passwordChangeRequired: boolean;
}

export interface ApiKeyPrincipal {
  kind: 'api-key';
  realm: Product;
  keyId: string;
  scopes: string[];
}

export interface ClientPrincipal {
  kind: 'client';
  realm: Product;
  clientId: string;
  scopes: string[];
  tokenId: string;
  expiresAt: number;
}
