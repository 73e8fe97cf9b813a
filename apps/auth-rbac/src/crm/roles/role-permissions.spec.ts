import { describe, expect, it } from '@jest/globals';
import { grantedPrivileges, permissionViews, type CatalogResource } from './role-permissions.js';

const catalog: CatalogResource[] = [
  {
    id: '1',
    name: 'partner',
    group: 'Master Data',
    description: 'Mitra',
    privileges: [
      { id: '11', name: 'create', description: null },
      { id: '12', name: 'read', description: null },
      { id: '13', name: 'update', description: null },
      { id: '14', name: 'delete', description: null },
    ],
  },
  { id: '2', name: 'users', group: 'Pengaturan', description: 'Pengguna', privileges: [{ id: '21', name: 'activation', description: null }] },
];

describe('role permissions', () => {
  it("reads the document's form: the resource by label, privileges as booleans, an unknown one sent false ignored", () => {
    const input = [{ resource: 'mitra', group: 'Master Data', privileges: { create: true, update: true, delete: false, approval: false } }];
    expect(grantedPrivileges(input, catalog)).toEqual({ ids: ['11', '13'], errors: [] });
  });

  it('accepts privilege names in an array and resource:privilege strings', () => {
    expect(grantedPrivileges([{ resource: 'partner', privileges: ['read'] }, 'users:activation'], catalog)).toEqual({ ids: ['12', '21'], errors: [] });
  });

  it('names every entry it cannot grant', () => {
    const { errors } = grantedPrivileges(
      [{ resource: 'kontrak', privileges: { create: true } }, { resource: 'partner', privileges: { approval: true, read: 'ya' } }, { resource: 'users' }, 5],
      catalog,
    );
    expect(errors.map((error) => [error.field, error.constraint])).toEqual([
      ['permissions.0.resource', 'exists'],
      ['permissions.1.privileges.approval', 'exists'],
      ['permissions.1.privileges.read', 'boolean'],
      ['permissions.2.privileges', 'required'],
      ['permissions.3', 'object'],
    ]);
    expect(grantedPrivileges('partner:read', catalog).errors).toEqual([expect.objectContaining({ field: 'permissions', constraint: 'array' })]);
  });

  it('shows only resources with a granted privilege, listing every privilege of each', () => {
    expect(permissionViews(catalog, new Set(['12']), false)).toEqual([
      { resource: 'partner', group: 'Master Data', description: 'Mitra', privileges: { create: false, read: true, update: false, delete: false } },
    ]);
    expect(permissionViews(catalog, new Set(), true).map((view) => view.resource)).toEqual(['partner', 'users']);
  });
});
