import type { Product, UserPrincipal } from '@gerbang/contracts';
import { DomainError, readMessageMeta } from '@gerbang/runtime';
import type { NatsContext } from '@nestjs/microservices';

/** The client's body from a gateway ServiceRequest (anything, as the client sent it). */
export function bodyOf(request: unknown): unknown {
  return typeof request === 'object' && request !== null && 'body' in request ? (request as { body: unknown }).body : undefined;
}

/** The body as a record, or an empty one when the client sent something else. */
export function bodyRecord(request: unknown): Record<string, unknown> {
  const body = bodyOf(request);
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** The logged-in user behind a gateway request, who must belong to the route's realm. */
export function userPrincipalOf(context: NatsContext, realm: Product): UserPrincipal {
  const principal = readMessageMeta(context).principal;
  if (!principal || principal.kind !== 'user' || principal.realm !== realm) throw new DomainError('unauthenticated', 'Invalid or expired token');
  return principal;
}
