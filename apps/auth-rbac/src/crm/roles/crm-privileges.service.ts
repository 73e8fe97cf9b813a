import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { crmPageMeta, crmQueryValue, type CrmQuery, type PageMeta } from '@gerbang/contracts';
import { DataSource } from 'typeorm';
import { containsPattern, isNumericId, listRequestOf, notFound } from '../common/crm-errors.js';

const SORTABLE: Record<string, string> = { group: 'res."group_name"', resource: 'res."name"', description: 'res."description"', id: 'res."id"' };

interface ResourceRow {
  id: string;
  name: string;
  group_name: string | null;
  description: string | null;
  privileges: Array<{ name: string; description: string | null }>;
}

const SELECT = `SELECT res."id", res."name", res."group_name", res."description",
         COALESCE(json_agg(json_build_object('name', p."name", 'description', p."description") ORDER BY p."id") FILTER (WHERE p."id" IS NOT NULL), '[]') AS "privileges"
    FROM "auth"."resources" res LEFT JOIN "auth"."privileges" p ON p."resource_id" = res."id"`;

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
    const request = listRequestOf(query, Object.keys(SORTABLE));
    const values: unknown[] = [];
    const bind = (value: unknown) => `$${values.push(value)}`;
    const conditions = [`res."realm" = 'crm'`];
    if (request.search) {
      const pattern = bind(containsPattern(request.search));
      conditions.push(`(res."name" ILIKE ${pattern} OR res."description" ILIKE ${pattern})`);
    }
    const group = crmQueryValue(query, 'group');
    if (group !== undefined) conditions.push(`lower(res."group_name") = lower(${bind(group)})`);
    const where = `WHERE ${conditions.join(' AND ')}`;
    const [{ total }] = await this.dataSource.query<[{ total: number }]>(`SELECT count(*)::int AS "total" FROM "auth"."resources" res ${where}`, values);
    const order = request.sort ? `${SORTABLE[request.sort.field]} ${request.sort.direction} NULLS LAST` : 'res."id" ASC';
    const rows = await this.dataSource.query<ResourceRow[]>(
      `${SELECT} ${where} GROUP BY res."id" ORDER BY ${order}, res."id" ASC LIMIT ${bind(request.limit)} OFFSET ${bind(request.offset)}`,
      values,
    );
    return { data: rows.map(view), page: crmPageMeta(request, total) };
  }

  /** By the resource's id or its name (`partner`). */
  async get(reference: string): Promise<ReturnType<typeof view>> {
    const column = isNumericId(reference) ? 'res."id"::text' : 'res."name"';
    const [row] = await this.dataSource.query<ResourceRow[]>(`${SELECT} WHERE res."realm" = 'crm' AND ${column} = $1 GROUP BY res."id"`, [reference]);
    if (!row) throw notFound('Resource');
    return view(row);
  }
}
