import { Injectable } from '@nestjs/common';
import { CRM_PARTNER_GROUPS } from '@gerbang/contracts';
import { AuthRbacClient } from '../common/auth-rbac-client.js';
import type { Actor } from '../common/caller.js';
import { optionalText, validateBody, withAliases } from '../common/body.js';
import { conflict } from '../common/errors.js';
import { RecordStore } from '../common/record-store.js';
import { choiceFilter, searchText, type Query } from '../common/list-query.js';
import { RecordService, type PreparedWrite } from '../common/record-service.js';
import type { RecordSpec, Row } from '../common/record-store.js';
import { SqlParams } from '../common/sql.js';
import { STAMP_COLUMNS, STAMP_SORT, stamps, textOrEmpty } from '../common/views.js';
import { PartnerBody } from './dto/partner.dto.js';

export interface PartnerView {
  id: string;
  group: string;
  companyName: string;
  companyPhone: string;
  companyMail: string;
  companyNpwp: string;
  businessLicense: string;
  initial: string;
  createdAt: string;
  updatedAt: string;
}

export const PARTNERS: RecordSpec<PartnerView> = {
  table: 'partners',
  entity: 'partner',
  label: 'Mitra',
  columns: `t."id", t."company_group", t."company_name", t."company_phone", t."company_mail", t."company_npwp", t."business_license", t."initial", ${STAMP_COLUMNS}`,
  toView: (row: Row) => ({
    id: String(row.id),
    group: String(row.company_group),
    companyName: String(row.company_name),
    companyPhone: textOrEmpty(row.company_phone),
    companyMail: textOrEmpty(row.company_mail),
    companyNpwp: textOrEmpty(row.company_npwp),
    businessLicense: textOrEmpty(row.business_license),
    initial: String(row.initial),
    ...stamps(row),
  }),
  sortable: { companyName: 't."company_name"', initial: 't."initial"', group: 't."company_group"', companyGroup: 't."company_group"', ...STAMP_SORT },
  defaultSort: 't."company_name" ASC',
  uniques: [{ field: 'companyName', columns: ['company_name'], message: 'Nama mitra (companyName) sudah digunakan' }],
};

@Injectable()
export class PartnersService extends RecordService<PartnerView> {
  protected readonly spec = PARTNERS;

  constructor(
    store: RecordStore,
    private readonly authRbac: AuthRbacClient,
  ) {
    super(store);
  }

  /** Users (kept by auth-rbac) reference partners too: such a partner is not deleted. */
  override async remove(id: string, actor: Actor): Promise<{ id: string; deleted: true }> {
    // An unknown id counts no users and gets its 404 from the store's delete.
    const users = await this.authRbac.usersOfPartner(id);
    if (users > 0) throw conflict(`Mitra tidak dapat dihapus karena masih digunakan oleh ${users} pengguna`);
    return super.remove(id, actor);
  }

  protected filters(query: Query): SqlParams {
    return new SqlParams()
      .search(searchText(query), 't."company_name"')
      .filter(choiceFilter(query, ['group', 'companyGroup'], CRM_PARTNER_GROUPS), (value) => `t."company_group" = ${value}`);
  }

  protected async prepare(raw: unknown): Promise<PreparedWrite> {
    const body = await validateBody(PartnerBody, withAliases(raw, { group: ['companyGroup'] }));
    return {
      values: {
        company_group: body.group,
        company_name: body.companyName.trim(),
        company_phone: optionalText(body.companyPhone),
        company_mail: optionalText(body.companyMail),
        company_npwp: optionalText(body.companyNpwp),
        business_license: optionalText(body.businessLicense),
        initial: body.initial.trim(),
      },
    };
  }
}
