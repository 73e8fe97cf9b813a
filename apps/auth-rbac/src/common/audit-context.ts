import { readMessageMeta } from '@gerbang/runtime';
import type { NatsContext } from '@nestjs/microservices';

/** Request facts an audit event records. */
export interface AuditContext {
  requestId: string | null;
  clientIp: string | null;
  userAgent: string | null;
  /** Who acted: a user (`user:<id>`), an operator (`cli:<name>`) or `system`. */
  actor: string | null;
}

export const SYSTEM_CONTEXT: AuditContext = Object.freeze({ requestId: null, clientIp: null, userAgent: null, actor: 'system' });

export function auditContextOf(context: NatsContext, actor?: string | null): AuditContext {
  const meta = readMessageMeta(context);
  const principal = meta.principal;
  const principalActor = principal
    ? principal.kind === 'user'
      ? `user:${principal.subject}`
      : principal.kind === 'client'
        ? `client:${principal.clientId}`
        : `api-key:${principal.keyId}`
    : null;
  return {
    requestId: meta.requestId === 'none' ? null : meta.requestId,
    clientIp: meta.clientIp,
    userAgent: meta.userAgent,
    actor: actor ?? principalActor,
  };
}
