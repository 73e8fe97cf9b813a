import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { crmQueryValue, type CrmQuery, type PageMeta } from '@gerbang/contracts';
import { DataSource } from 'typeorm';
import { containsPattern, isNumericId, listRequestOf, notFound } from '../common/crm-errors.js';
import { listPage, type ListSpec } from '../common/crm-list.js';

interface ResourceRow {
  id: string;
  name: string;
  group_name: string | null;
  description: string | null;
  privileges: Array<{ name: string; description: string | null }>;
}

const RESOURCE_LIST: ListSpec = {
  select: `res."id", res."name", res."group_name", res."description",
           (SELECT COALESCE(json_agg(json_build_object('name', p."name", 'description', p."description") ORDER BY p."id"), '[]')
              FROM "auth"."privileges" p WHERE p."resource_id" = res."id") AS "privileges"`,
  from: '"auth"."resources" res',
  sortable: { group: 'res."group_name"', resource: 'res."name"', description: 'res."description"', id: 'res."id"' },
  defaultOrder: 'res."id" ASC',
  idColumn: 'res."id"',
};

const view = (row: ResourceRow) => ({
  id: row.id,
  group: row.group_name ?? '',
  resource: row.name,
  description: row.description ?? '',
  privileges: row.privileges,
});

/** spec/crm-batubara-niaga-api.md "GET Privilege": the crm realm's resources, each with its privileges. */
@Injectable()
export class CrmPrivilegesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: CrmQuery): Promise<{ data: Array<ReturnType<typeof view>>; page: PageMeta }> {
    const request = listRequestOf(query, Object.keys(RESOURCE_LIST.sortable));
    const group = crmQueryValue(query, 'group');
    const { rows, page } = await listPage<ResourceRow>(this.dataSource.manager, RESOURCE_LIST, request, (bind) => {
      const conditions = [`res."realm" = 'crm'`];
      if (request.search) {
        const pattern = bind(containsPattern(request.search));
        conditions.push(`(res."name" ILIKE ${pattern} OR res."description" ILIKE ${pattern})`);
      }
      if (group !== undefined) conditions.push(`lower(res."group_name") = lower(${bind(group)})`);
      return conditions;
    });
    return { data: rows.map(view), page };
  }

  /** By the resource's id or its name (`partner`). */
  async get(reference: string): Promise<ReturnType<typeof view>> {
    const column = isNumericId(reference) ? 'res."id"::text' : 'res."name"';
    const [row] = await this.dataSource.query<ResourceRow[]>(
      `SELECT ${RESOURCE_LIST.select} FROM ${RESOURCE_LIST.from} WHERE res."realm" = 'crm' AND ${column} = $1`,
      [reference],
    );
    if (!row) throw notFound('Resource');
    return view(row);
  }
}
