import type { FieldError } from '@gerbang/contracts';

/** A resource of the realm's catalog with its privileges. */
export interface CatalogResource {
  id: string;
  name: string;
  group: string | null;
  description: string | null;
  privileges: Array<{ id: string; name: string; description: string | null }>;
}

/** A role's permissions on one resource as the document shows them: every privilege, granted or not. */
export interface PermissionView {
  resource: string;
  group: string | null;
  description: string | null;
  privileges: Record<string, boolean>;
}

/** The resources where the role holds at least one privilege (`all`: administrators hold every one). */
export function permissionViews(catalog: readonly CatalogResource[], granted: ReadonlySet<string>, all: boolean): PermissionView[] {
  return catalog.flatMap((resource) => {
    const privileges = Object.fromEntries(resource.privileges.map((privilege) => [privilege.name, all || granted.has(privilege.id)]));
    return Object.values(privileges).some(Boolean) ? [{ resource: resource.name, group: resource.group, description: resource.description, privileges }] : [];
  });
}

const lower = (text: string) => text.trim().toLowerCase();

/** A resource by its name (`partner`) or its label (`Mitra`, the document's example spelling), case-insensitively. */
function findResource(catalog: readonly CatalogResource[], reference: string): CatalogResource | undefined {
  const wanted = lower(reference);
  return (
    catalog.find((resource) => lower(resource.name) === wanted) ??
    catalog.find((resource) => resource.description !== null && lower(resource.description) === wanted)
  );
}

/**
 * The privilege ids a role body grants. Each entry is `{resource, group?, privileges}` with
 * `privileges` an object of booleans (the document's form) or an array of names; a
 * `"resource:privilege"` string is accepted too. A privilege the resource lacks may be sent as
 * false (the document's example sends `approval: false`); granting it is an error.
 */
export function grantedPrivileges(input: unknown, catalog: readonly CatalogResource[]): { ids: string[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const ids = new Set<string>();
  if (!Array.isArray(input)) {
    return { ids: [], errors: [{ field: 'permissions', message: 'permissions harus berupa array', constraint: 'array', value: '' }] };
  }
  const grant = (resource: CatalogResource, name: string, field: string) => {
    const privilege = resource.privileges.find((candidate) => candidate.name === lower(name));
    if (privilege) ids.add(privilege.id);
    else errors.push({ field, message: `privilege ${name} tidak tersedia untuk resource ${resource.name}`, constraint: 'exists', value: name });
  };
  input.forEach((entry: unknown, index) => {
    const field = `permissions.${index}`;
    if (typeof entry === 'string') {
      const [resourceName = '', privilege = ''] = entry.split(':');
      const resource = findResource(catalog, resourceName);
      if (!resource) errors.push({ field, message: `resource ${resourceName} tidak dikenal`, constraint: 'exists', value: entry });
      else grant(resource, privilege, field);
      return;
    }
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      errors.push({ field, message: `${field} harus berupa objek {resource, privileges}`, constraint: 'object', value: '' });
      return;
    }
    const { resource: reference, privileges } = entry as { resource?: unknown; privileges?: unknown };
    if (typeof reference !== 'string' || reference.trim() === '') {
      errors.push({ field: `${field}.resource`, message: `${field}.resource wajib diisi`, constraint: 'required', value: '' });
      return;
    }
    const resource = findResource(catalog, reference);
    if (!resource) {
      errors.push({ field: `${field}.resource`, message: `resource ${reference} tidak dikenal`, constraint: 'exists', value: reference });
      return;
    }
    if (Array.isArray(privileges)) {
      privileges.forEach((name: unknown, position) => {
        if (typeof name === 'string') grant(resource, name, `${field}.privileges.${position}`);
        else errors.push({ field: `${field}.privileges.${position}`, message: 'nama privilege harus berupa teks', constraint: 'string', value: '' });
      });
    } else if (typeof privileges === 'object' && privileges !== null) {
      for (const [name, value] of Object.entries(privileges)) {
        if (typeof value !== 'boolean') {
          errors.push({
            field: `${field}.privileges.${name}`,
            message: `${field}.privileges.${name} harus bernilai true atau false`,
            constraint: 'boolean',
            value: '',
          });
        } else if (value) grant(resource, name, `${field}.privileges.${name}`);
      }
    } else {
      errors.push({
        field: `${field}.privileges`,
        message: `${field}.privileges wajib diisi (objek privilege: true/false)`,
        constraint: 'required',
        value: '',
      });
    }
  });
  return { ids: [...ids], errors };
}
