import { describe, expect, it } from '@jest/globals';
import { parseCrmListRequest } from './list-query.js';

const sortable = ['name', 'createdAt'];

describe('crm list request', () => {
  it('defaults to the first page (0) of 10 rows, unsorted', () => {
    expect(parseCrmListRequest({}, sortable)).toEqual({ ok: true, value: { page: 0, limit: 10, offset: 0, search: undefined, sort: undefined } });
  });

  it("reads page (0-based), limit or size, search and the document's sort=field+DIR (the + arrives as a space)", () => {
    expect(parseCrmListRequest({ page: '1', size: '4', search: ' budi ', sort: 'created_at desc' }, sortable)).toEqual({
      ok: true,
      value: { page: 1, limit: 4, offset: 4, search: 'budi', sort: { field: 'createdAt', direction: 'DESC' } },
    });
  });

  it('reads sort-by with sort-direction or sort-dir, ascending by default', () => {
    expect(parseCrmListRequest({ 'sort-by': 'name', 'sort-dir': 'desc' }, sortable)).toMatchObject({
      ok: true,
      value: { sort: { field: 'name', direction: 'DESC' } },
    });
    expect(parseCrmListRequest({ 'sort-by': 'name' }, sortable)).toMatchObject({ ok: true, value: { sort: { field: 'name', direction: 'ASC' } } });
  });

  it('names every bad parameter, sorting only on the whitelist', () => {
    const parsed = parseCrmListRequest({ page: '-1', limit: '101', search: 'x'.repeat(101), sort: 'password+asc' }, sortable);
    expect(parsed.ok ? [] : parsed.errors.map((error) => [error.field, error.constraint])).toEqual([
      ['page', 'gte'],
      ['limit', 'range'],
      ['search', 'max'],
      ['sort', 'oneof'],
    ]);
    expect(parseCrmListRequest({ sort: 'name+upward' }, sortable)).toMatchObject({ ok: false, errors: [{ field: 'sort', constraint: 'oneof' }] });
  });
});
