import { crmPageMeta, type CrmListRequest, type PageMeta } from '@gerbang/contracts';
import type { EntityManager } from 'typeorm';

/** How one crm list reads its table. Every SQL fragment here is a constant of the code. */
export interface ListSpec {
  select: string;
  from: string;
  /** API field -> SQL expression: the sort whitelist. */
  sortable: Record<string, string>;
  defaultOrder: string;
  /** Ends every order, so pages never overlap. */
  idColumn: string;
}

/**
 * One page of a list with its exact total. `conditions` builds the WHERE conditions with the
 * placeholders `bind` returns, so no value ever enters the SQL text.
 */
export async function listPage<T>(
  manager: EntityManager,
  spec: ListSpec,
  request: CrmListRequest,
  conditions: (bind: (value: unknown) => string) => string[],
): Promise<{ rows: T[]; page: PageMeta }> {
  const values: unknown[] = [];
  const bind = (value: unknown) => `$${values.push(value)}`;
  const built = conditions(bind);
  const where = built.length > 0 ? `WHERE ${built.join(' AND ')}` : '';
  const [{ total }] = await manager.query<[{ total: number }]>(`SELECT count(*)::int AS "total" FROM ${spec.from} ${where}`, values);
  const order = request.sort ? `${spec.sortable[request.sort.field]} ${request.sort.direction} NULLS LAST` : spec.defaultOrder;
  const rows = await manager.query<T[]>(
    `SELECT ${spec.select} FROM ${spec.from} ${where} ORDER BY ${order}, ${spec.idColumn} ASC LIMIT ${bind(request.limit)} OFFSET ${bind(request.offset)}`,
    values,
  );
  return { rows, page: crmPageMeta(request, total) };
}
