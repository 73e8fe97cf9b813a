import { MESSAGE_HEADERS, PRODUCTS, isProduct, type Product } from '@gerbang/contracts';
import { DomainError } from '@gerbang/runtime';
import type { NatsContext } from '@nestjs/microservices';

/** The realm a management or service payload names; an unknown one is a validation error on `realm`. */
export function requireRealm(value: unknown): Product {
  if (typeof value === 'string' && isProduct(value)) return value;
  throw new DomainError('validation_failed', 'Unknown realm', [{ field: 'realm', message: `Must be one of ${PRODUCTS.join(', ')}`, constraint: 'isIn' }]);
}

/** The realm of a gateway request: the product whose route it came through (`x-realm`). */
export function realmOfMessage(context: NatsContext): Product {
  const headers = context.getHeaders() as { get(name: string): string } | undefined;
  const realm = headers?.get(MESSAGE_HEADERS.realm);
  if (realm && isProduct(realm)) return realm;
  throw new DomainError('malformed_request', 'Missing or unknown realm');
}
