import { CRM_DEFAULT_PAGE_LIMIT, CRM_MAX_PAGE_LIMIT, type PageMeta } from '@gerbang/contracts';
import { invalidField } from './errors.js';
import { isUuid } from './sql.js';

export type Query = Record<string, string | string[] | undefined> | undefined;

export interface Pagination {
  /** 0-based, as the document's metadata (`"page": 0`) and its `page=0` examples show. */
  page: number;
  limit: number;
  offset: number;
}

/** The first given value among a parameter's spellings; a repeated parameter counts once, an empty one not at all. */
export function queryValue(query: Query, ...names: string[]): string | undefined {
  for (const name of names) {
    const raw = query?.[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value !== undefined && value.trim() !== '') return value.trim();
  }
  return undefined;
}

/**
 * `page` is 0-based (default 0); `limit`, or its synonym `size`, is 1..100 (default 10). Both
 * 0 and 1 are valid pages, as the document's examples send either; 1 is the second page.
 */
export function parsePagination(query: Query): Pagination {
  const pageText = queryValue(query, 'page');
  if (pageText !== undefined && !/^\d{1,9}$/.test(pageText)) throw invalidField('page', 'page harus bilangan bulat >= 0', 'gte', pageText);
  const limitText = queryValue(query, 'limit', 'size');
  const limitName = queryValue(query, 'limit') !== undefined ? 'limit' : 'size';
  if (limitText !== undefined && (!/^\d{1,9}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > CRM_MAX_PAGE_LIMIT)) {
    throw invalidField(limitName, `${limitName} harus bilangan bulat antara 1 dan ${CRM_MAX_PAGE_LIMIT}`, 'range', limitText);
  }
  const page = pageText === undefined ? 0 : Number(pageText);
  const limit = limitText === undefined ? CRM_DEFAULT_PAGE_LIMIT : Number(limitText);
  return { page, limit, offset: page * limit };
}

export function pageMeta(pagination: Pagination, total: number): PageMeta {
  return { page: pagination.page, limit: pagination.limit, total };
}

const camelCase = (name: string) => name.replace(/[_-]([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());

/**
 * The ORDER BY of a list: `sort={field}+{ASC|DESC}` (a `+` arrives as a space; `%2B`, `,` and
 * `:` separate too), or `sort-by` with `sort-direction`/`sort-dir` as the identity lists
 * write it. Only the whitelisted fields (camelCase, snake_case accepted) are sortable;
 * anything else is a 400 naming the allowed fields. The id ends every order, so pages never
 * overlap.
 */
export function parseSort(query: Query, sortable: Record<string, string>, fallback: string): string {
  const raw = queryValue(query, 'sort');
  let field: string | undefined;
  let direction: string | undefined;
  if (raw !== undefined) {
    [field, direction] = raw.split(/[\s+,:]+/).filter(Boolean);
  } else {
    field = queryValue(query, 'sort-by', 'sortBy', 'sort_by');
    direction = queryValue(query, 'sort-direction', 'sort-dir', 'sortDirection', 'sortDir', 'sort_direction', 'sort_dir');
  }
  if (field === undefined) return `${fallback}, t."id" ASC`;
  const expression = sortable[camelCase(field)];
  if (!expression) {
    throw invalidField('sort', `sort hanya dapat berdasarkan: ${Object.keys(sortable).join(', ')}`, 'oneof', raw ?? field);
  }
  const order = (direction ?? 'asc').toLowerCase();
  if (order !== 'asc' && order !== 'desc') throw invalidField('sort', 'arah sort harus ASC atau DESC', 'oneof', raw ?? direction);
  return `${expression} ${order.toUpperCase()} NULLS LAST, t."id" ASC`;
}

/** `search`: at most 100 characters, matched case-insensitively as a substring. */
export function searchText(query: Query): string | undefined {
  const value = queryValue(query, 'search');
  if (value !== undefined && value.length > 100) throw invalidField('search', 'search maksimal 100 karakter', 'max', value);
  return value;
}

export function choiceFilter<T extends string>(query: Query, names: string[], choices: readonly T[]): T | undefined {
  const value = queryValue(query, ...names);
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value))
    throw invalidField(names[0] as string, `${names[0]} harus salah satu dari: ${choices.join(', ')}`, 'oneof', value);
  return value as T;
}

export function integerFilter(query: Query, name: string, min: number, max: number): number | undefined {
  const value = queryValue(query, name);
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) < min || Number(value) > max) {
    throw invalidField(name, `${name} harus bilangan bulat antara ${min} dan ${max}`, 'range', value);
  }
  return Number(value);
}

export function booleanFilter(query: Query, name: string): boolean | undefined {
  const value = queryValue(query, name)?.toLowerCase();
  if (value === undefined) return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw invalidField(name, `${name} harus true atau false`, 'boolean', value);
}

export function idFilter(query: Query, names: string[]): string | undefined {
  const value = queryValue(query, ...names);
  if (value !== undefined && !isUuid(value)) throw invalidField(names[0] as string, `${names[0]} harus berupa id (UUID)`, 'uuid', value);
  return value;
}
