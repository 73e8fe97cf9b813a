import type { FieldError } from '../common/error-codes.js';
import type { PageMeta } from '../common/messages.js';
import type { RouteParameterDoc } from '../common/routes.js';
import { CRM_DEFAULT_PAGE_LIMIT, CRM_MAX_PAGE_LIMIT } from './masterdata-routes.js';

/**
 * The crm pagination request (spec/crm-batubara-niaga-api.md "GET LIST DATA"), parsed the
 * same way for every list: `page` is 0-based (the document's metadata answers `"page": 0` for
 * the first page and its privilege example sends `page=0`; `page=1`, as its other example
 * sends, is simply the second page); `limit` or its synonym `size` is 1..100; `sort` is
 * `{field}+{ASC|DESC}` (a `+` arrives as a space), or `sort-by` with `sort-direction` /
 * `sort-dir` as the identity lists write it; only whitelisted fields sort. Pure, so any crm
 * service can use it; messages are in the document's language.
 */
export type CrmQuery = Record<string, string | string[] | undefined> | undefined;

export interface CrmListRequest {
  page: number;
  limit: number;
  offset: number;
  search?: string;
  /** A field of the whitelist, in its canonical (camelCase) spelling. */
  sort?: { field: string; direction: 'ASC' | 'DESC' };
}

export type CrmParsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** The first given value among a parameter's spellings; a repeated parameter counts once, an empty one not at all. */
export function crmQueryValue(query: CrmQuery, ...names: string[]): string | undefined {
  for (const name of names) {
    const raw = query?.[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value !== undefined && value.trim() !== '') return value.trim();
  }
  return undefined;
}

const camelCase = (name: string) => name.replace(/[_-]([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
const shown = (value: string) => (value.length > 100 ? `${value.slice(0, 100)}…` : value);

export function parseCrmListRequest(query: CrmQuery, sortable: readonly string[]): CrmParsed<CrmListRequest> {
  const errors: FieldError[] = [];
  const pageText = crmQueryValue(query, 'page');
  if (pageText !== undefined && !/^\d{1,9}$/.test(pageText))
    errors.push({ field: 'page', message: 'page harus bilangan bulat >= 0', constraint: 'gte', value: shown(pageText) });
  const limitName = crmQueryValue(query, 'limit') !== undefined ? 'limit' : 'size';
  const limitText = crmQueryValue(query, limitName);
  if (limitText !== undefined && (!/^\d{1,9}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > CRM_MAX_PAGE_LIMIT)) {
    errors.push({
      field: limitName,
      message: `${limitName} harus bilangan bulat antara 1 dan ${CRM_MAX_PAGE_LIMIT}`,
      constraint: 'range',
      value: shown(limitText),
    });
  }
  const search = crmQueryValue(query, 'search');
  if (search !== undefined && search.length > 100)
    errors.push({ field: 'search', message: 'search maksimal 100 karakter', constraint: 'max', value: shown(search) });
  const sort = parseSort(query, sortable);
  if (!sort.ok) errors.push(...sort.errors);
  if (errors.length > 0) return { ok: false, errors };
  const page = pageText === undefined ? 0 : Number(pageText);
  const limit = limitText === undefined ? CRM_DEFAULT_PAGE_LIMIT : Number(limitText);
  return { ok: true, value: { page, limit, offset: page * limit, search, sort: sort.ok ? sort.value : undefined } };
}

function parseSort(query: CrmQuery, sortable: readonly string[]): CrmParsed<CrmListRequest['sort']> {
  const raw = crmQueryValue(query, 'sort');
  const [field, direction] =
    raw !== undefined
      ? raw.split(/[\s+,:]+/).filter(Boolean)
      : [
          crmQueryValue(query, 'sort-by', 'sortBy', 'sort_by'),
          crmQueryValue(query, 'sort-direction', 'sort-dir', 'sortDirection', 'sortDir', 'sort_direction', 'sort_dir'),
        ];
  if (field === undefined) return { ok: true, value: undefined };
  const canonical = camelCase(field);
  if (!sortable.includes(canonical)) {
    return {
      ok: false,
      errors: [{ field: 'sort', message: `sort hanya dapat berdasarkan: ${sortable.join(', ')}`, constraint: 'oneof', value: shown(raw ?? field) }],
    };
  }
  const order = (direction ?? 'asc').toUpperCase();
  if (order !== 'ASC' && order !== 'DESC') {
    return { ok: false, errors: [{ field: 'sort', message: 'arah sort harus ASC atau DESC', constraint: 'oneof', value: shown(raw ?? order) }] };
  }
  return { ok: true, value: { field: canonical, direction: order } };
}

export function crmPageMeta(request: CrmListRequest, total: number): PageMeta {
  return { page: request.page, limit: request.limit, total };
}

/** OpenAPI documentation of the pagination request, for every crm list route. */
export const CRM_LIST_PARAMETERS: RouteParameterDoc[] = [
  {
    name: 'page',
    description: "Page number, **0-based** (the first page is 0, as the document's metadata shows; `page=1` is the second page).",
    schema: { type: 'integer', minimum: 0 },
    example: 0,
  },
  {
    name: 'limit',
    description: `Rows per page (default ${CRM_DEFAULT_PAGE_LIMIT}, at most ${CRM_MAX_PAGE_LIMIT}).`,
    schema: { type: 'integer', minimum: 1, maximum: CRM_MAX_PAGE_LIMIT },
    example: 10,
  },
  { name: 'size', description: 'Same as `limit` (the document lists both); `limit` wins when both are sent.', schema: { type: 'integer', minimum: 1 } },
  { name: 'search', description: 'Case-insensitive substring, at most 100 characters.' },
  {
    name: 'sort',
    description:
      '`{field}+{ASC|DESC}` (`+`, a space, `,` or `:` separates), e.g. `name+desc`. Only the fields this list names are accepted (snake_case spellings too); anything else is a 400. `sort-by` with `sort-direction` (or `sort-dir`) is accepted as well.',
    example: 'name+asc',
  },
  { name: 'sort-by', description: 'Field to sort by, with `sort-direction` (the role and privilege lists spell it this way).' },
  { name: 'sort-direction', description: '`ASC` or `DESC` (`sort-dir` accepted too).', schema: { type: 'string', enum: ['ASC', 'DESC', 'asc', 'desc'] } },
];
