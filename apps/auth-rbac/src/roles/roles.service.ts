import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DefineResourceRequest,
  PermissionCheckReply,
  PermissionCheckRequest,
  ResourceSummary,
  RoleAssignmentSummary,
  RoleSummary,
  UpsertRoleRequest,
} from '@gerbang/contracts';
import { parsePermission } from '@gerbang/auth';
import { DomainError } from '@gerbang/runtime';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuditContext } from '../common/audit-context.js';
import { isoOrNull } from '../common/time.js';
import { AUTH_CONFIG, type AuthConfig } from '../config/auth.config.js';
import { evaluatePermission, type AssignmentGrant } from './permission-evaluation.js';
import { PrivilegeEntity } from './privilege.entity.js';
import { ResourceEntity } from './resource.entity.js';
import { RoleAssignmentEntity } from './role-assignment.entity.js';
import { RoleEntity } from './role.entity.js';

export interface CurrentRole {
  name: string;
  priority: number;
  endsAt: Date | null;
}

/** Roles, the resource × privilege catalog, role assignments with validity windows, permission checks. */
@Injectable()
export class RolesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    private readonly audit: AuditService,
  ) {}

  /** Roles the user holds right now, the one login makes active first. */
  async currentRoles(userId: string, manager: EntityManager = this.dataSource.manager): Promise<CurrentRole[]> {
    const rows = await manager.query<Array<{ name: string; priority: number; ends_at: Date | null; permanent: boolean }>>(
      `SELECT r."name", r."priority", max(a."ends_at") AS "ends_at", bool_or(a."ends_at" IS NULL) AS "permanent"
         FROM "auth"."role_assignments" a JOIN "auth"."roles" r ON r."id" = a."role_id"
        WHERE a."user_id" = $1 AND a."starts_at" <= now() AND (a."ends_at" IS NULL OR a."ends_at" > now())
        GROUP BY r."id" ORDER BY r."priority" DESC, r."name"`,
      [userId],
    );
    return rows.map((row) => ({ name: row.name, priority: row.priority, endsAt: row.permanent ? null : row.ends_at }));
  }

  async assignmentsOf(userIds: string[]): Promise<Map<string, RoleAssignmentSummary[]>> {
    const result = new Map<string, RoleAssignmentSummary[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return result;
    const rows = await this.dataSource.query<Array<{ id: string; user_id: string; name: string; starts_at: Date; ends_at: Date | null }>>(
      `SELECT a."id", a."user_id", r."name", a."starts_at", a."ends_at"
         FROM "auth"."role_assignments" a JOIN "auth"."roles" r ON r."id" = a."role_id"
        WHERE a."user_id" = ANY($1::bigint[]) ORDER BY a."starts_at", a."id"`,
      [userIds],
    );
    for (const row of rows) {
      result.get(row.user_id)?.push({
        id: Number(row.id),
        role: row.name,
        startsAt: row.starts_at.toISOString(),
        endsAt: isoOrNull(row.ends_at),
        temporary: row.ends_at !== null,
      });
    }
    return result;
  }

  async requireRole(manager: EntityManager, realm: string, name: string): Promise<RoleEntity> {
    const role = await manager.getRepository(RoleEntity).findOneBy({ realm, name });
    if (!role)
      throw new DomainError('validation_failed', 'Unknown role', [
        { field: 'role', message: `Role ${name} does not exist in realm ${realm}`, constraint: 'exists' },
      ]);
    return role;
  }

  async assignWithin(
    manager: EntityManager,
    userId: string,
    role: RoleEntity,
    window: { startsAt?: Date; endsAt?: Date | null },
    createdBy: string | null,
  ): Promise<void> {
    await manager.getRepository(RoleAssignmentEntity).insert({
      userId,
      roleId: role.id,
      startsAt: window.startsAt ?? new Date(),
      endsAt: window.endsAt ?? null,
      createdBy,
    });
  }

  async assign(realm: string, userId: string, roleName: string, window: { startsAt?: Date; endsAt?: Date | null }, context: AuditContext): Promise<void> {
    const startsAt = window.startsAt ?? new Date();
    if (window.endsAt && window.endsAt.getTime() <= startsAt.getTime()) {
      throw new DomainError('validation_failed', 'Invalid validity window', [{ field: 'endsAt', message: 'Must be after startsAt', constraint: 'isAfter' }]);
    }
    await this.dataSource.transaction(async (manager) => {
      const role = await this.requireRole(manager, realm, roleName);
      await this.assignWithin(manager, userId, role, { startsAt, endsAt: window.endsAt ?? null }, context.actor);
    });
    await this.audit.record(
      {
        realm,
        type: 'role.assigned',
        outcome: 'success',
        subject: userId,
        details: { role: roleName, startsAt: startsAt.toISOString(), endsAt: isoOrNull(window.endsAt) },
      },
      context,
    );
  }

  async unassign(realm: string, userId: string, roleName: string, context: AuditContext): Promise<number> {
    const removed = await this.dataSource.transaction(async (manager) => {
      const role = await this.requireRole(manager, realm, roleName);
      const result = await manager.getRepository(RoleAssignmentEntity).delete({ userId, roleId: role.id });
      return result.affected ?? 0;
    });
    if (removed === 0) throw new DomainError('not_found', `User has no assignment of role ${roleName}`);
    await this.audit.record({ realm, type: 'role.unassigned', outcome: 'success', subject: userId, details: { role: roleName, removed } }, context);
    return removed;
  }

  /** Creates or updates a role; `permissions`, when given, replaces its privilege set. */
  async upsertRole(request: UpsertRoleRequest, context: AuditContext): Promise<RoleSummary> {
    await this.dataSource.transaction(async (manager) => {
      await this.upsertRoleWithin(manager, request);
    });
    await this.audit.record(
      {
        realm: request.realm,
        type: 'role.changed',
        outcome: 'success',
        subject: request.name,
        details: { permissions: request.permissions ?? null, allPrivileges: request.allPrivileges ?? null },
      },
      context,
    );
    const summary = (await this.listRoles(request.realm)).find((role) => role.name === request.name);
    if (!summary) throw new Error(`role ${request.name} vanished after upsert`);
    return summary;
  }

  async upsertRoleWithin(manager: EntityManager, request: UpsertRoleRequest): Promise<RoleEntity> {
    const repository = manager.getRepository(RoleEntity);
    let role = await repository.findOneBy({ realm: request.realm, name: request.name });
    if (!role) {
      role = await repository.save(
        repository.create({
          realm: request.realm,
          name: request.name,
          formalName: request.formalName ?? null,
          allPrivileges: request.allPrivileges ?? false,
          priority: request.priority ?? 0,
        }),
      );
    } else {
      await repository.update(
        { id: role.id },
        {
          ...(request.formalName !== undefined ? { formalName: request.formalName } : {}),
          ...(request.allPrivileges !== undefined ? { allPrivileges: request.allPrivileges } : {}),
          ...(request.priority !== undefined ? { priority: request.priority } : {}),
          updatedAt: new Date(),
        },
      );
    }
    if (request.permissions) {
      await this.setPrivileges(manager, role.id, await this.privilegeIds(manager, request.realm, request.permissions));
    }
    return role;
  }

  /** Replaces the privileges a role grants. */
  async setPrivileges(manager: EntityManager, roleId: string, privilegeIds: string[]): Promise<void> {
    await manager.query(`DELETE FROM "auth"."role_privileges" WHERE "role_id" = $1`, [roleId]);
    if (privilegeIds.length > 0) {
      await manager.query(`INSERT INTO "auth"."role_privileges" ("role_id", "privilege_id") SELECT $1, unnest($2::bigint[])`, [roleId, privilegeIds]);
    }
  }

  async listRoles(realm: string): Promise<RoleSummary[]> {
    const rows = await this.dataSource.query<
      Array<{ name: string; formal_name: string | null; all_privileges: boolean; priority: number; permissions: string[] }>
    >(
      `SELECT r."name", r."formal_name", r."all_privileges", r."priority",
              COALESCE(array_agg(res."name" || ':' || p."name" ORDER BY res."name", p."name") FILTER (WHERE p."id" IS NOT NULL), '{}') AS "permissions"
         FROM "auth"."roles" r
         LEFT JOIN "auth"."role_privileges" rp ON rp."role_id" = r."id"
         LEFT JOIN "auth"."privileges" p ON p."id" = rp."privilege_id"
         LEFT JOIN "auth"."resources" res ON res."id" = p."resource_id"
        WHERE r."realm" = $1
        GROUP BY r."id" ORDER BY r."priority" DESC, r."name"`,
      [realm],
    );
    return rows.map((row) => ({
      realm,
      name: row.name,
      formalName: row.formal_name,
      allPrivileges: row.all_privileges,
      priority: row.priority,
      permissions: row.permissions,
    }));
  }

  /** Adds a resource and its privileges to the realm's catalog (existing ones are kept). */
  async defineResource(request: DefineResourceRequest, context: AuditContext): Promise<ResourceSummary> {
    const summary = await this.dataSource.transaction((manager) => this.defineResourceWithin(manager, request));
    await this.audit.record(
      { realm: request.realm, type: 'resource.defined', outcome: 'success', subject: request.name, details: { privileges: request.privileges } },
      context,
    );
    return summary;
  }

  async defineResourceWithin(manager: EntityManager, request: DefineResourceRequest): Promise<ResourceSummary> {
    await manager.query(
      `INSERT INTO "auth"."resources" ("realm", "name", "group_name", "description") VALUES ($1, $2, $3, $4)
       ON CONFLICT ("realm", "name") DO UPDATE SET "group_name" = COALESCE(EXCLUDED."group_name", "resources"."group_name"),
         "description" = COALESCE(EXCLUDED."description", "resources"."description")`,
      [request.realm, request.name, request.group ?? null, request.description ?? null],
    );
    const resource = await manager.getRepository(ResourceEntity).findOneByOrFail({ realm: request.realm, name: request.name });
    for (const privilege of request.privileges) {
      await manager.query(`INSERT INTO "auth"."privileges" ("resource_id", "name") VALUES ($1, $2) ON CONFLICT ("resource_id", "name") DO NOTHING`, [
        resource.id,
        privilege,
      ]);
    }
    const privileges = await manager.getRepository(PrivilegeEntity).find({ where: { resourceId: resource.id }, order: { name: 'ASC' } });
    return {
      realm: request.realm,
      name: resource.name,
      group: resource.groupName,
      description: resource.description,
      privileges: privileges.map((privilege) => privilege.name),
    };
  }

  async checkPermission(request: PermissionCheckRequest): Promise<PermissionCheckReply> {
    const maxCache = this.config.PERMISSION_CACHE_SECONDS;
    const permission = parsePermission(request.permission);
    if (!permission || !/^\d{1,18}$/.test(request.subject)) return { allowed: false, cacheSeconds: maxCache };
    const rows = await this.dataSource.query<Array<{ role: string; starts_at: Date; ends_at: Date | null; grants: boolean }>>(
      `SELECT r."name" AS "role", a."starts_at", a."ends_at",
              (r."all_privileges" OR EXISTS (
                 SELECT 1 FROM "auth"."role_privileges" rp
                   JOIN "auth"."privileges" p ON p."id" = rp."privilege_id"
                   JOIN "auth"."resources" res ON res."id" = p."resource_id"
                  WHERE rp."role_id" = r."id" AND res."name" = $3 AND p."name" = $4)) AS "grants"
         FROM "auth"."role_assignments" a
         JOIN "auth"."roles" r ON r."id" = a."role_id"
         JOIN "auth"."users" u ON u."id" = a."user_id"
        WHERE u."id" = $1 AND u."realm" = $2 AND r."realm" = $2 AND u."active" AND (a."ends_at" IS NULL OR a."ends_at" > now())`,
      [request.subject, request.realm, permission.resource, permission.privilege],
    );
    const assignments: AssignmentGrant[] = rows.map((row) => ({ role: row.role, startsAt: row.starts_at, endsAt: row.ends_at, grants: row.grants }));
    return evaluatePermission(assignments, request.role, new Date(), maxCache);
  }

  private async privilegeIds(manager: EntityManager, realm: string, permissions: string[]): Promise<string[]> {
    const invalid = permissions.filter((permission) => !parsePermission(permission));
    if (invalid.length > 0) {
      throw new DomainError('validation_failed', 'Invalid permission', [
        { field: 'permissions', message: `Not resource:privilege: ${invalid.join(', ')}`, constraint: 'isPermission' },
      ]);
    }
    const rows = await manager.query<Array<{ id: string; permission: string }>>(
      `SELECT p."id", res."name" || ':' || p."name" AS "permission"
         FROM "auth"."privileges" p JOIN "auth"."resources" res ON res."id" = p."resource_id"
        WHERE res."realm" = $1 AND (res."name" || ':' || p."name") = ANY($2::text[])`,
      [realm, permissions],
    );
    const known = new Set(rows.map((row) => row.permission));
    const unknown = permissions.filter((permission) => !known.has(permission));
    if (unknown.length > 0) {
      throw new DomainError('validation_failed', 'Unknown permission', [
        { field: 'permissions', message: `Not in the realm's catalog (define the resource first): ${unknown.join(', ')}`, constraint: 'exists' },
      ]);
    }
    return rows.map((row) => row.id);
  }
}
