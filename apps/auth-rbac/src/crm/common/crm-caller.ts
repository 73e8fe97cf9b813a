import type { UserPrincipal } from '@gerbang/contracts';
import type { NatsContext } from '@nestjs/microservices';
import { auditContextOf, type AuditContext } from '../../common/audit-context.js';
import { userPrincipalOf } from '../../common/service-request.js';

/** The crm user behind a request (the gateway has checked the route's access) and what the audit trail records of it. */
export interface CrmCaller {
  principal: UserPrincipal;
  audit: AuditContext;
}

export function crmCallerOf(context: NatsContext): CrmCaller {
  return { principal: userPrincipalOf(context, 'crm'), audit: auditContextOf(context) };
}
