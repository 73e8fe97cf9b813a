/** Permissions are `resource:privilege` pairs (`customer:create`, `users:activation`). */
const NAME = /^[a-z0-9][a-z0-9._-]{0,79}$/;

export interface Permission {
  resource: string;
  privilege: string;
}

export function isPermissionName(value: string): boolean {
  return NAME.test(value);
}

export function parsePermission(value: string): Permission | null {
  const separator = value.indexOf(':');
  if (separator < 0) return null;
  const resource = value.slice(0, separator);
  const privilege = value.slice(separator + 1);
  return isPermissionName(resource) && isPermissionName(privilege) ? { resource, privilege } : null;
}

export function formatPermission(permission: Permission): string {
  return `${permission.resource}:${permission.privilege}`;
}
