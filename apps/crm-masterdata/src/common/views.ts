import type { Row } from './record-store.js';

/** Columns and sort fields every crm table has. */
export const STAMP_COLUMNS = 't."created_at", t."updated_at"';
export const STAMP_SORT = { createdAt: 't."created_at"', updatedAt: 't."updated_at"' };

const iso = (value: unknown): string => (value instanceof Date ? value.toISOString() : String(value));

export const stamps = (row: Row) => ({ createdAt: iso(row.created_at), updatedAt: iso(row.updated_at) });

/** Optional text is answered as `""` when absent, as the document's examples show. */
export const textOrEmpty = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/** PostgreSQL numerics arrive as strings; the document shows numbers. */
export const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
