import type { PageMeta } from '@gerbang/contracts';
import { invalidField } from './errors.js';
import { queryValue, type Query } from './query.js';

export const DEFAULT_PAGE = 1;
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export interface Pagination {
  page: number;
  limit: number;
  offset: number;
}

/**
 * The document's pagination: page from 1 (default 1), limit default 20 and at most 100 (a
 * larger limit is served as 100). A page or limit that is not a positive integer is a 422.
 */
export function parsePagination(query: Query): Pagination {
  const page = positiveInteger(queryValue(query, 'page'), 'page') ?? DEFAULT_PAGE;
  const limit = Math.min(positiveInteger(queryValue(query, 'limit'), 'limit') ?? DEFAULT_LIMIT, MAX_LIMIT);
  return { page, limit, offset: (page - 1) * limit };
}

export function pageMeta(pagination: Pagination, total: number): PageMeta {
  return { page: pagination.page, limit: pagination.limit, total };
}

function positiveInteger(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  // Past 1e9 an offset stops being meaningful and the arithmetic stops being safe.
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) throw invalidField(field, 'Must be a positive integer');
  return Number(value);
}
