import type { Principal, UserPrincipal } from '@gerbang/contracts';
import { DomainError, type MessageMeta } from '@gerbang/runtime';

/** Who made a change, as the audit trail records it. */
export interface Actor {
  userId: string;
  username: string;
  role: string | null;
  ipAddress: string | null;
  userAgent: string | null;
}

/**
 * The gateway enforces each route's roles; this repeats the check against the same role
 * lists so a message that reaches the service another way cannot write anonymously.
 */
export function requireUser(meta: MessageMeta, roles: readonly string[]): UserPrincipal {
  const principal: Principal | null = meta.principal;
  if (!principal || principal.kind !== 'user') throw new DomainError('unauthenticated', 'Invalid or expired token');
  const allowed = principal.activeRole ? roles.includes(principal.activeRole) : principal.roles.some((role) => roles.includes(role));
  if (!allowed) throw new DomainError('forbidden', 'Insufficient permissions');
  return principal;
}

export function actorOf(meta: MessageMeta, roles: readonly string[]): Actor {
  const user = requireUser(meta, roles);
  return {
    userId: user.subject,
    username: user.username,
    role: user.activeRole ?? user.roles[0] ?? null,
    ipAddress: meta.clientIp?.slice(0, 64) ?? null,
    userAgent: meta.userAgent?.slice(0, 500) ?? null,
  };
}
