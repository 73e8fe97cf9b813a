import { Injectable } from '@nestjs/common';
import { optionalText, validateBody } from '../common/body.js';
import { searchText, type Query } from '../common/list-query.js';
import { RecordService, type PreparedWrite } from '../common/record-service.js';
import type { RecordSpec, Row } from '../common/record-store.js';
import { SqlParams } from '../common/sql.js';
import { STAMP_COLUMNS, STAMP_SORT, stamps, textOrEmpty } from '../common/views.js';
import { CustomerBody } from './dto/customer.dto.js';

export interface CustomerView {
  id: string;
  companyName: string;
  companyPhone: string;
  companyMail: string;
  companyAddress: string;
  companyNpwp: string;
  initial: string;
  createdAt: string;
  updatedAt: string;
}

export const CUSTOMERS: RecordSpec<CustomerView> = {
  table: 'customers',
  entity: 'customer',
  label: 'Pelanggan',
  columns: `t."id", t."company_name", t."company_phone", t."company_mail", t."company_address", t."company_npwp", t."initial", ${STAMP_COLUMNS}`,
  toView: (row: Row) => ({
    id: String(row.id),
    companyName: String(row.company_name),
    companyPhone: textOrEmpty(row.company_phone),
    companyMail: textOrEmpty(row.company_mail),
    companyAddress: textOrEmpty(row.company_address),
    companyNpwp: textOrEmpty(row.company_npwp),
    initial: String(row.initial),
    ...stamps(row),
  }),
  sortable: { companyName: 't."company_name"', initial: 't."initial"', ...STAMP_SORT },
  defaultSort: 't."company_name" ASC',
  uniques: [
    { field: 'companyName', columns: ['company_name'], message: 'Nama pelanggan (companyName) sudah digunakan' },
    { field: 'initial', columns: ['initial'], message: 'Inisial pelanggan (initial) sudah digunakan' },
  ],
  references: [{ table: 'power_plants', column: 'owner_id', label: 'Pembangkit', nameColumn: 'name' }],
};

@Injectable()
export class CustomersService extends RecordService<CustomerView> {
  protected readonly spec = CUSTOMERS;

  protected filters(query: Query): SqlParams {
    return new SqlParams().search(searchText(query), 't."company_name"');
  }

  protected async prepare(raw: unknown): Promise<PreparedWrite> {
    const body = await validateBody(CustomerBody, raw);
    return {
      values: {
        company_name: body.companyName.trim(),
        company_phone: optionalText(body.companyPhone),
        company_mail: optionalText(body.companyMail),
        company_address: optionalText(body.companyAddress),
        company_npwp: optionalText(body.companyNpwp),
        initial: body.initial.trim(),
      },
    };
  }
}
