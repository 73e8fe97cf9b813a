import { Injectable } from '@nestjs/common';
import type { PageMeta } from '@gerbang/contracts';
import { optionalText, validateBody } from '../common/body.js';
import type { Actor } from '../common/caller.js';
import type { CrudService } from '../common/crud-controller.js';
import { parsePagination, parseSort, searchText, type Query } from '../common/list-query.js';
import { RecordStore, type RecordSpec, type Row } from '../common/record-store.js';
import { containsPattern, SqlParams } from '../common/sql.js';
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
export class CustomersService implements CrudService {
  constructor(private readonly store: RecordStore) {}

  list(query: Query): Promise<{ data: CustomerView[]; page: PageMeta }> {
    const search = searchText(query);
    const filters = new SqlParams().filter(search && containsPattern(search), (value) => `t."company_name" ILIKE ${value}`);
    return this.store.list(CUSTOMERS, filters, parsePagination(query), parseSort(query, CUSTOMERS.sortable, CUSTOMERS.defaultSort));
  }

  get(id: string): Promise<CustomerView> {
    return this.store.get(CUSTOMERS, id);
  }

  async create(body: unknown, actor: Actor): Promise<CustomerView> {
    return this.store.create(CUSTOMERS, columns(await validateBody(CustomerBody, body)), actor);
  }

  async update(id: string, body: unknown, actor: Actor): Promise<CustomerView> {
    return this.store.update(CUSTOMERS, id, columns(await validateBody(CustomerBody, body)), actor);
  }

  remove(id: string, actor: Actor) {
    return this.store.remove(CUSTOMERS, id, actor);
  }
}

function columns(body: CustomerBody): Row {
  return {
    company_name: body.companyName.trim(),
    company_phone: optionalText(body.companyPhone),
    company_mail: optionalText(body.companyMail),
    company_address: optionalText(body.companyAddress),
    company_npwp: optionalText(body.companyNpwp),
    initial: body.initial.trim(),
  };
}
