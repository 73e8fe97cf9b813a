import { DomainError, readMessageMeta } from '@gerbang/runtime';
import type { NatsContext } from '@nestjs/microservices';

/** Who made a change, as the audit trail records it. */
export interface Actor {
  id: string;
  name: string;
  role: string | null;
  requestId: string | null;
  clientIp: string | null;
  userAgent: string | null;
}

/**
 * The crm user behind a request. The gateway has already checked the route's permission;
 * this refuses a message that reaches the service without a crm user (another way in), so
 * nothing is read or written anonymously.
 */
export function actorOf(context: NatsContext): Actor {
  const meta = readMessageMeta(context);
  const principal = meta.principal;
  if (!principal || principal.kind !== 'user' || principal.realm !== 'crm') throw new DomainError('unauthenticated', 'Token tidak valid atau kedaluwarsa');
  return {
    id: principal.subject.slice(0, 64),
    name: principal.username.slice(0, 254),
    role: principal.activeRole?.slice(0, 80) ?? null,
    requestId: meta.requestId === 'none' ? null : meta.requestId.slice(0, 128),
    clientIp: meta.clientIp?.slice(0, 64) ?? null,
    userAgent: meta.userAgent?.slice(0, 500) ?? null,
  };
}
