import { describe, expect, it } from '@jest/globals';
import { pageMeta, parsePagination } from './pagination.js';

describe('pagination', () => {
  it('defaults to page 1 with 20 rows', () => {
    expect(parsePagination({})).toEqual({ page: 1, limit: 20, offset: 0 });
    expect(parsePagination(undefined)).toEqual({ page: 1, limit: 20, offset: 0 });
    expect(parsePagination({ page: '', limit: '' })).toEqual({ page: 1, limit: 20, offset: 0 });
  });

  it('computes the offset of a page', () => {
    expect(parsePagination({ page: '3', limit: '25' })).toEqual({ page: 3, limit: 25, offset: 50 });
    expect(parsePagination({ page: ['2', '9'], limit: '10' })).toEqual({ page: 2, limit: 10, offset: 10 });
  });

  it('serves at most 100 rows', () => {
    expect(parsePagination({ limit: '100' }).limit).toBe(100);
    expect(parsePagination({ limit: '500' }).limit).toBe(100);
    expect(parsePagination({ page: '2', limit: '1000' }).offset).toBe(100);
  });

  it.each([
    ['page', '0'],
    ['page', '-1'],
    ['page', 'abc'],
    ['page', '1.5'],
    ['limit', '0'],
    ['limit', 'ten'],
    ['page', '99999999999'],
  ])('refuses %s=%s with a 422 on that field', (field, value) => {
    expect(() => parsePagination({ [field]: value })).toThrow(
      expect.objectContaining({ code: 'validation_failed', fields: [{ field, message: 'Must be a positive integer' }] }),
    );
  });

  it('reports page facts for the gateway', () => {
    expect(pageMeta({ page: 2, limit: 20, offset: 20 }, 45)).toEqual({ page: 2, limit: 20, total: 45 });
  });
});
