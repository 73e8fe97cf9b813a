import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import { CRM_IDENTITY_SUBJECTS, type CrmPartnerLookupReply, type CrmPartnerSummary } from '@gerbang/contracts';
import { DataSource } from 'typeorm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * For auth-rbac (service to service, never routed by the gateway): a user's partner must
 * exist and belong to the user's group, and views show its name. `{id}` answers the partner
 * or null; `{ids}` the partners found. Partners have no deactivation yet: every stored one is
 * active.
 */
@Controller()
export class PartnerLookupController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @MessagePattern(CRM_IDENTITY_SUBJECTS.partnersLookup)
  async lookup(@Payload() payload: unknown): Promise<CrmPartnerLookupReply> {
    const request = (typeof payload === 'object' && payload !== null ? payload : {}) as { id?: unknown; ids?: unknown };
    const many = Array.isArray(request.ids);
    const ids = (many ? (request.ids as unknown[]) : [request.id]).filter((id): id is string => typeof id === 'string' && UUID.test(id)).slice(0, 500);
    const rows =
      ids.length === 0
        ? []
        : await this.dataSource.query<Array<{ id: string; company_group: string; company_name: string }>>(
            `SELECT "id", "company_group", "company_name" FROM "crm"."partners" WHERE "id" = ANY($1::uuid[])`,
            [ids],
          );
    const partners: CrmPartnerSummary[] = rows.map((row) => ({ id: row.id, group: row.company_group, name: row.company_name, active: true }));
    return many ? partners : (partners[0] ?? null);
  }
}
