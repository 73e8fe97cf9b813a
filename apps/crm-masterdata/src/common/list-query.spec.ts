import { describe, expect, it } from '@jest/globals';
import { DomainError } from '@gerbang/runtime';
import { booleanFilter, choiceFilter, parsePagination, parseSort, type Query } from './list-query.js';

const failureOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const { code, fields } = error as DomainError;
    return { code, fields: fields?.map((field) => [field.field, field.constraint]) };
  }
  throw new Error('expected a failure');
};

describe('crm list queries', () => {
  it('counts pages from 0, with limit or its synonym size', () => {
    expect(parsePagination({})).toEqual({ page: 0, limit: 10, offset: 0 });
    expect(parsePagination({ page: '0', limit: '4' })).toEqual({ page: 0, limit: 4, offset: 0 });
    expect(parsePagination({ page: '1', limit: '10', size: '10' })).toEqual({ page: 1, limit: 10, offset: 10 });
    expect(parsePagination({ page: '2', size: '25' })).toEqual({ page: 2, limit: 25, offset: 50 });
    expect(parsePagination({ page: ['3', '9'], limit: '5', size: '7' })).toEqual({ page: 3, limit: 5, offset: 15 });
  });

  it('refuses pages and limits that are not counts', () => {
    expect(failureOf(() => parsePagination({ page: '-1' }))).toEqual({ code: 'validation_failed', fields: [['page', 'gte']] });
    expect(failureOf(() => parsePagination({ page: '1.5' }))).toEqual({ code: 'validation_failed', fields: [['page', 'gte']] });
    expect(failureOf(() => parsePagination({ limit: '101' }))).toEqual({ code: 'validation_failed', fields: [['limit', 'range']] });
    expect(failureOf(() => parsePagination({ size: '0' }))).toEqual({ code: 'validation_failed', fields: [['size', 'range']] });
  });

  describe('sort', () => {
    const sortable = { companyName: 't."company_name"', createdAt: 't."created_at"' };
    const sort = (query: Query) => parseSort(query, sortable, 't."company_name" ASC');

    it('reads {field}+{ASC|DESC} however the plus arrived, and the identity lists spelling', () => {
      expect(sort({})).toBe('t."company_name" ASC, t."id" ASC');
      expect(sort({ sort: 'created_at desc' })).toBe('t."created_at" DESC NULLS LAST, t."id" ASC');
      expect(sort({ sort: 'createdAt+DESC' })).toBe('t."created_at" DESC NULLS LAST, t."id" ASC');
      expect(sort({ sort: 'companyName,asc' })).toBe('t."company_name" ASC NULLS LAST, t."id" ASC');
      expect(sort({ sort: 'companyName' })).toBe('t."company_name" ASC NULLS LAST, t."id" ASC');
      expect(sort({ 'sort-by': 'company_name', 'sort-dir': 'DESC' })).toBe('t."company_name" DESC NULLS LAST, t."id" ASC');
    });

    it('sorts on whitelisted fields only', () => {
      expect(failureOf(() => sort({ sort: 'company_npwp asc' }))).toEqual({ code: 'validation_failed', fields: [['sort', 'oneof']] });
      expect(failureOf(() => sort({ sort: '"id"; DROP TABLE x' }))).toEqual({ code: 'validation_failed', fields: [['sort', 'oneof']] });
      expect(failureOf(() => sort({ sort: 'companyName upward' }))).toEqual({ code: 'validation_failed', fields: [['sort', 'oneof']] });
    });
  });

  it('reads enum and boolean filters by any of their names', () => {
    expect(choiceFilter({ companyGroup: 'trader' }, ['group', 'companyGroup'], ['supplier', 'trader'])).toBe('trader');
    expect(choiceFilter({ group: '' }, ['group'], ['supplier'])).toBeUndefined();
    expect(failureOf(() => choiceFilter({ group: 'internal' }, ['group'], ['supplier']))).toEqual({ code: 'validation_failed', fields: [['group', 'oneof']] });
    expect([booleanFilter({ isVessel: 'true' }, 'isVessel'), booleanFilter({ isVessel: '0' }, 'isVessel'), booleanFilter({}, 'isVessel')]).toEqual([
      true,
      false,
      undefined,
    ]);
  });
});
