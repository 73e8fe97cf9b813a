import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { formatEnd, formatStart } from '../common/crm-validity.js';
import { permissionViews, type CatalogResource, type PermissionView } from './role-permissions.js';

/** A user's hold on a role, from the start to the end of its validity (null: permanent). */
export interface AssignmentRow {
  userId: string;
  roleId: string;
  name: string;
  formalName: string | null;
  allPrivileges: boolean;
  startsAt: Date;
  endsAt: Date | null;
}

/** A held role as the document shows it (`start_date` and `startDate`: the document writes both). */
export function assignmentView(row: AssignmentRow) {
  const startDate = formatStart(row.startsAt);
  return {
    id: row.roleId,
    name: row.name,
    formalName: row.formalName ?? '',
    startDate,
    start_date: startDate,
    validUntil: formatEnd(row.endsAt),
    temporary: row.endsAt !== null,
  };
}

/** Reads of the crm realm's resource x privilege catalog, role permissions and role assignments. */
@Injectable()
export class CrmCatalogService {
  async resources(manager: EntityManager): Promise<CatalogResource[]> {
    const rows = await manager.query<
      Array<{
        id: string;
        name: string;
        group_name: string | null;
        description: string | null;
        privilege_id: string;
        privilege: string;
        privilege_description: string | null;
      }>
    >(
      `SELECT res."id", res."name", res."group_name", res."description", p."id" AS "privilege_id", p."name" AS "privilege", p."description" AS "privilege_description"
         FROM "auth"."resources" res JOIN "auth"."privileges" p ON p."resource_id" = res."id"
        WHERE res."realm" = 'crm' ORDER BY res."id", p."id"`,
    );
    const resources = new Map<string, CatalogResource>();
    for (const row of rows) {
      let resource = resources.get(row.id);
      if (!resource) {
        resource = { id: row.id, name: row.name, group: row.group_name, description: row.description, privileges: [] };
        resources.set(row.id, resource);
      }
      resource.privileges.push({ id: row.privilege_id, name: row.privilege, description: row.privilege_description });
    }
    return [...resources.values()];
  }

  /** Each role's permissions by role id. */
  async permissionsOf(manager: EntityManager, roles: ReadonlyArray<{ id: string; allPrivileges: boolean }>): Promise<Map<string, PermissionView[]>> {
    if (roles.length === 0) return new Map();
    const catalog = await this.resources(manager);
    const rows = await manager.query<Array<{ role_id: string; privilege_id: string }>>(
      `SELECT "role_id", "privilege_id" FROM "auth"."role_privileges" WHERE "role_id" = ANY($1::bigint[])`,
      [roles.map((role) => role.id)],
    );
    const granted = new Map<string, Set<string>>();
    for (const row of rows) granted.set(row.role_id, (granted.get(row.role_id) ?? new Set()).add(row.privilege_id));
    return new Map(roles.map((role) => [role.id, permissionViews(catalog, granted.get(role.id) ?? new Set(), role.allPrivileges)]));
  }

  /** The users' assignments that have not ended (current and future ones), by user id, in the order they were given. */
  async assignmentsOf(manager: EntityManager, userIds: string[]): Promise<Map<string, AssignmentRow[]>> {
    const result = new Map<string, AssignmentRow[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return result;
    const rows = await manager.query<
      Array<{ user_id: string; role_id: string; name: string; formal_name: string | null; all_privileges: boolean; starts_at: Date; ends_at: Date | null }>
    >(
      `SELECT a."user_id", r."id" AS "role_id", r."name", r."formal_name", r."all_privileges", a."starts_at", a."ends_at"
         FROM "auth"."role_assignments" a JOIN "auth"."roles" r ON r."id" = a."role_id"
        WHERE a."user_id" = ANY($1::bigint[]) AND (a."ends_at" IS NULL OR a."ends_at" > now())
        ORDER BY a."id"`,
      [userIds],
    );
    for (const row of rows) {
      result.get(row.user_id)?.push({
        userId: row.user_id,
        roleId: row.role_id,
        name: row.name,
        formalName: row.formal_name,
        allPrivileges: row.all_privileges,
        startsAt: row.starts_at,
        endsAt: row.ends_at,
      });
    }
    return result;
  }
}
