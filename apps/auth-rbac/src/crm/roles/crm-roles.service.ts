import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CrmRoleBody, type CrmQuery, type PageMeta } from '@gerbang/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { isUniqueViolation } from '../../common/database-errors.js';
import { RolesService } from '../../roles/roles.service.js';
import type { CrmCaller } from '../common/crm-caller.js';
import { conflict, containsPattern, idText, invalid, isNumericId, listRequestOf, notFound, validateCrmBody } from '../common/crm-errors.js';
import { groupFilter, groupOf, groupView, normalizeGroup } from '../common/crm-groups.js';
import { listPage, type ListSpec } from '../common/crm-list.js';
import { PartnerDirectory } from '../common/partner-directory.js';
import { CrmCatalogService } from './crm-catalog.service.js';
import { grantedPrivileges } from './role-permissions.js';

const COLUMNS = `r."id", r."name", r."formal_name", r."group_name", r."partner_id", r."all_privileges", r."created_at", r."updated_at"`;

const ROLE_LIST: ListSpec = {
  select: COLUMNS,
  from: '"auth"."roles" r',
  sortable: {
    name: 'r."name"',
    formalName: 'r."formal_name"',
    group: `COALESCE(r."group_name", 'internal')`,
    createdAt: 'r."created_at"',
    updatedAt: 'r."updated_at"',
  },
  defaultOrder: 'r."name" ASC',
  idColumn: 'r."id"',
};

interface RoleRow {
  id: string;
  name: string;
  formal_name: string | null;
  group_name: string | null;
  partner_id: string | null;
  all_privileges: boolean;
  created_at: Date;
  updated_at: Date;
}

export type CrmRoleView = Awaited<ReturnType<CrmRolesService['views']>>[number];

const LABEL = 'Peran';

function prepared(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const record = body as Record<string, unknown>;
  return { ...record, id: idText(record.id), group: normalizeGroup(record.group) };
}

const nameTaken = (name: string, group: string) =>
  conflict(`Peran ${name} sudah ada pada grup ${group}`, [{ field: 'name', message: 'name sudah digunakan pada grup ini', constraint: 'unique', value: name }]);

/**
 * spec/crm-batubara-niaga-api.md "Role Management": roles of the crm realm, each for one group
 * (name unique within it), with permissions per resource of the catalog. The built-in
 * administrator role (every privilege) cannot be changed or deleted, so the realm always has
 * one; a role held by users cannot be deleted nor move to another group.
 */
@Injectable()
export class CrmRolesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: CrmCatalogService,
    private readonly partners: PartnerDirectory,
    private readonly roles: RolesService,
    private readonly audit: AuditService,
  ) {}

  async list(query: CrmQuery): Promise<{ data: Array<Record<string, unknown>>; page: PageMeta }> {
    const request = listRequestOf(query, Object.keys(ROLE_LIST.sortable));
    const group = groupFilter(query);
    const { rows, page } = await listPage<RoleRow>(this.dataSource.manager, ROLE_LIST, request, (bind) => {
      const conditions = [`r."realm" = 'crm'`];
      if (request.search) {
        const pattern = bind(containsPattern(request.search));
        conditions.push(`(r."name" ILIKE ${pattern} OR r."formal_name" ILIKE ${pattern})`);
      }
      if (group) conditions.push(`COALESCE(r."group_name", 'internal') = ${bind(group)}`);
      return conditions;
    });
    // The document's role list writes `formal_name` and a group object; the single role `formalName` and the group's name.
    const data = (await this.views(this.dataSource.manager, rows)).map((view) => ({ ...view, formal_name: view.formalName, group: groupView(view.group) }));
    return { data, page };
  }

  async get(id: string): Promise<CrmRoleView> {
    return this.view(this.dataSource.manager, await this.row(this.dataSource.manager, id));
  }

  async create(body: unknown, caller: CrmCaller): Promise<CrmRoleView> {
    const input = await validateCrmBody(CrmRoleBody, prepared(body));
    const partner = await this.partners.check(input.group, input.partnerId, false);
    return this.dataSource.transaction(async (manager) => {
      const privilegeIds = await this.privilegesOf(manager, body);
      await this.assertNameFree(manager, input.name, input.group, null);
      let id: string;
      try {
        const [inserted] = await manager.query<Array<{ id: string }>>(
          `INSERT INTO "auth"."roles" ("realm", "name", "formal_name", "group_name", "partner_id") VALUES ('crm', $1, $2, $3, $4) RETURNING "id"`,
          [input.name, input.formalName?.trim() || null, input.group, partner?.id ?? null],
        );
        id = (inserted as { id: string }).id;
      } catch (error) {
        throw isUniqueViolation(error) ? nameTaken(input.name, input.group) : error;
      }
      await this.roles.setPrivileges(manager, id, privilegeIds ?? []);
      const after = await this.view(manager, await this.row(manager, id));
      await this.record(manager, caller, 'crm.role.created', id, null, after);
      return after;
    });
  }

  /** By the id in the path, else (the document's `PUT /v1/auth/roles`) by the body's id, else by its name and group. */
  async update(pathId: string | undefined, body: unknown, caller: CrmCaller): Promise<CrmRoleView> {
    const input = await validateCrmBody(CrmRoleBody, prepared(body));
    const partner = await this.partners.check(input.group, input.partnerId, false);
    return this.dataSource.transaction(async (manager) => {
      const current = await this.target(manager, pathId ?? input.id, input.name, input.group);
      if (current.all_privileges) throw conflict('Peran administrator bawaan tidak dapat diubah');
      const before = await this.view(manager, current);
      const privilegeIds = await this.privilegesOf(manager, body);
      if (groupOf(current.group_name) !== input.group && (await this.holders(manager, current.id)) > 0) {
        throw conflict(`Grup peran ${current.name} tidak dapat diubah selama peran masih dimiliki pengguna`, [
          { field: 'group', message: 'group tidak dapat diubah selama peran masih dimiliki pengguna', constraint: 'assigned', value: input.group },
        ]);
      }
      await this.assertNameFree(manager, input.name, input.group, current.id);
      try {
        await manager.query(
          `UPDATE "auth"."roles" SET "name" = $2, "formal_name" = $3, "group_name" = $4, "partner_id" = $5, "updated_at" = now() WHERE "id" = $1`,
          [current.id, input.name, input.formalName?.trim() || null, input.group, partner?.id ?? null],
        );
      } catch (error) {
        throw isUniqueViolation(error) ? nameTaken(input.name, input.group) : error;
      }
      if (privilegeIds !== undefined) await this.roles.setPrivileges(manager, current.id, privilegeIds);
      const after = await this.view(manager, await this.row(manager, current.id));
      await this.record(manager, caller, 'crm.role.updated', current.id, before, after);
      return after;
    });
  }

  /** The document's rule: a role still assigned (now or later) is not deleted. */
  async remove(id: string, caller: CrmCaller): Promise<{ id: string; deleted: true }> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.row(manager, id, true);
      if (current.all_privileges) throw conflict('Peran administrator bawaan tidak dapat dihapus');
      const holders = await this.holders(manager, id);
      if (holders > 0) throw conflict(`Peran ${current.name} tidak dapat dihapus karena masih dimiliki ${holders} pengguna`);
      const before = await this.view(manager, current);
      await manager.query(`DELETE FROM "auth"."roles" WHERE "id" = $1`, [id]);
      await this.record(manager, caller, 'crm.role.deleted', id, before, null);
      return { id, deleted: true as const };
    });
  }

  async views(manager: EntityManager, rows: RoleRow[]) {
    const permissions = await this.catalog.permissionsOf(
      manager,
      rows.map((row) => ({ id: row.id, allPrivileges: row.all_privileges })),
    );
    const partners = await this.partners.findMany(rows.flatMap((row) => (row.partner_id ? [row.partner_id] : [])));
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      formalName: row.formal_name ?? '',
      group: groupOf(row.group_name),
      partner: row.partner_id ? { id: row.partner_id, name: partners.get(row.partner_id)?.name ?? null } : null,
      permissions: permissions.get(row.id) ?? [],
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    }));
  }

  private async view(manager: EntityManager, row: RoleRow): Promise<CrmRoleView> {
    const [view] = await this.views(manager, [row]);
    return view as CrmRoleView;
  }

  private async row(manager: EntityManager, id: string, lock = false): Promise<RoleRow> {
    if (!isNumericId(id)) throw notFound(LABEL);
    const [row] = await manager.query<RoleRow[]>(
      `SELECT ${COLUMNS} FROM "auth"."roles" r WHERE r."id" = $1 AND r."realm" = 'crm'${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    if (!row) throw notFound(LABEL);
    return row;
  }

  private async target(manager: EntityManager, id: string | undefined, name: string, group: string): Promise<RoleRow> {
    if (id) return this.row(manager, id, true);
    const [found] = await manager.query<Array<{ id: string }>>(
      `SELECT "id" FROM "auth"."roles" WHERE "realm" = 'crm' AND "name" = $1 AND COALESCE("group_name", 'internal') = $2`,
      [name, group],
    );
    if (!found) throw notFound(`Peran ${name} pada grup ${group}`);
    return this.row(manager, found.id, true);
  }

  /** Users holding the role now or later (ended assignments do not count). */
  private async holders(manager: EntityManager, roleId: string): Promise<number> {
    const [{ count }] = await manager.query<[{ count: number }]>(
      `SELECT count(DISTINCT "user_id")::int AS "count" FROM "auth"."role_assignments" WHERE "role_id" = $1 AND ("ends_at" IS NULL OR "ends_at" > now())`,
      [roleId],
    );
    return count;
  }

  private async assertNameFree(manager: EntityManager, name: string, group: string, exceptId: string | null): Promise<void> {
    const [taken] = await manager.query<unknown[]>(
      `SELECT 1 FROM "auth"."roles" WHERE "realm" = 'crm' AND "name" = $1 AND COALESCE("group_name", 'internal') = $2 AND ($3::bigint IS NULL OR "id" <> $3::bigint)`,
      [name, group, exceptId],
    );
    if (taken) throw nameTaken(name, group);
  }

  /** The privilege ids the body grants, or undefined when it sends no permissions (an update then keeps them). */
  private async privilegesOf(manager: EntityManager, body: unknown): Promise<string[] | undefined> {
    const permissions = (body as { permissions?: unknown }).permissions;
    if (permissions === undefined || permissions === null) return undefined;
    const { ids, errors } = grantedPrivileges(permissions, await this.catalog.resources(manager));
    if (errors.length > 0) throw invalid(errors);
    return ids;
  }

  private record(
    manager: EntityManager,
    caller: CrmCaller,
    type: string,
    roleId: string,
    before: CrmRoleView | null,
    after: CrmRoleView | null,
  ): Promise<void> {
    return this.audit.record({ realm: 'crm', type, outcome: 'success', subject: roleId, details: { before, after } }, caller.audit, manager);
  }
}
