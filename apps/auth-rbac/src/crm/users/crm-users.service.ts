import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CRM_DEFAULT_USER_PASSWORD,
  CrmAssignRoleBody,
  CrmUserBody,
  CrmUserStatusBody,
  crmQueryValue,
  type CrmPartnerSummary,
  type CrmQuery,
  type PageMeta,
} from '@gerbang/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { isUniqueViolation } from '../../common/database-errors.js';
import { RoleEntity } from '../../roles/role.entity.js';
import { RolesService } from '../../roles/roles.service.js';
import { RevocationService } from '../../sessions/revocation.service.js';
import { PasswordService } from '../../users/password.service.js';
import { UserEntity } from '../../users/user.entity.js';
import type { CrmCaller } from '../common/crm-caller.js';
import { conflict, containsPattern, idText, invalid, invalidField, isNumericId, listRequestOf, notFound, validateCrmBody } from '../common/crm-errors.js';
import { groupFilter, groupOf, normalizeGroup } from '../common/crm-groups.js';
import { listPage, type ListSpec } from '../common/crm-list.js';
import { parseEnd, parseStart } from '../common/crm-validity.js';
import { PartnerDirectory } from '../common/partner-directory.js';
import { assignmentView, CrmCatalogService } from '../roles/crm-catalog.service.js';

const COLUMNS = `u."id", u."display_name", u."email", u."username", u."phone", u."active", u."group_name", u."partner_id", u."password_change_required", u."created_at", u."updated_at"`;

const USER_LIST: ListSpec = {
  select: COLUMNS,
  from: '"auth"."users" u',
  sortable: {
    name: 'u."display_name"',
    email: 'lower(u."email")',
    phone: 'u."phone"',
    group: `COALESCE(u."group_name", 'internal')`,
    active: 'u."active"',
    createdAt: 'u."created_at"',
    updatedAt: 'u."updated_at"',
  },
  defaultOrder: 'u."display_name" ASC',
  idColumn: 'u."id"',
};

interface UserRow {
  id: string;
  display_name: string | null;
  email: string | null;
  username: string;
  phone: string | null;
  active: boolean;
  group_name: string | null;
  partner_id: string | null;
  password_change_required: boolean;
  created_at: Date;
  updated_at: Date;
}

export type CrmUserView = Awaited<ReturnType<CrmUsersService['views']>>[number];

const LABEL = 'Pengguna';

/** The body with the document's other spellings (group `bbn`, numeric ids) read as the canonical ones. */
function prepared(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const record = body as Record<string, unknown>;
  return { ...record, group: normalizeGroup(record.group), roleId: idText(record.roleId ?? record.role_id) };
}

/**
 * spec/crm-batubara-niaga-api.md "Pengguna / Users": users of the crm realm with their group,
 * partner and roles. Every write records its actor, the user before and after, in the audit
 * trail of the same transaction.
 */
@Injectable()
export class CrmUsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: CrmCatalogService,
    private readonly partners: PartnerDirectory,
    private readonly passwords: PasswordService,
    private readonly roles: RolesService,
    private readonly revocation: RevocationService,
    private readonly audit: AuditService,
  ) {}

  async list(query: CrmQuery): Promise<{ data: CrmUserView[]; page: PageMeta }> {
    const request = listRequestOf(query, Object.keys(USER_LIST.sortable));
    const group = groupFilter(query);
    const active = statusFilter(query);
    const { rows, page } = await listPage<UserRow>(this.dataSource.manager, USER_LIST, request, (bind) => {
      const conditions = [`u."realm" = 'crm'`];
      if (request.search) {
        const pattern = bind(containsPattern(request.search));
        conditions.push(`(u."display_name" ILIKE ${pattern} OR u."email" ILIKE ${pattern} OR u."phone" ILIKE ${pattern})`);
      }
      if (group) conditions.push(`COALESCE(u."group_name", 'internal') = ${bind(group)}`);
      if (active !== undefined) conditions.push(`u."active" = ${bind(active)}`);
      return conditions;
    });
    return { data: await this.views(this.dataSource.manager, rows), page };
  }

  /** Users of the crm realm that belong to a partner (active or not). */
  async countByPartner(partnerId: string): Promise<number> {
    const rows = await this.dataSource.query<Array<{ count: string }>>(
      `SELECT count(*)::text AS count FROM "auth"."users" WHERE "realm" = 'crm' AND "partner_id"::text = $1`,
      [partnerId],
    );
    return Number(rows[0]?.count ?? 0);
  }

  async get(id: string): Promise<CrmUserView> {
    return this.view(this.dataSource.manager, await this.row(this.dataSource.manager, id));
  }

  /** The document's rules: default password BBN2025 to change at first login, unique e-mail, partner and role of the group. */
  async create(body: unknown, caller: CrmCaller): Promise<CrmUserView> {
    const input = await validateCrmBody(CrmUserBody, prepared(body));
    const partner = await this.partners.check(input.group, input.partnerId, true);
    const passwordHash = await this.passwords.hash(CRM_DEFAULT_USER_PASSWORD);
    const email = input.email.trim();
    return this.dataSource.transaction(async (manager) => {
      const role = await this.roleOfGroup(manager, input.roleId, input.group);
      await this.assertEmailFree(manager, email, null);
      const user = await this.insert(manager, { realm: 'crm', ...columnsOf(input, partner), passwordHash, active: true, passwordChangeRequired: true });
      await this.roles.assignWithin(manager, user.id, role, {}, caller.audit.actor);
      const after = await this.view(manager, await this.row(manager, user.id), partner);
      await this.record(manager, caller, 'crm.user.created', user.id, null, after);
      return after;
    });
  }

  /**
   * Replaces the user's data. A new role replaces the main role (the first permanent one);
   * roles that no longer fit the group go, so every role held fits the user's group.
   */
  async update(id: string, body: unknown, caller: CrmCaller): Promise<CrmUserView> {
    const input = await validateCrmBody(CrmUserBody, prepared(body));
    const partner = await this.partners.check(input.group, input.partnerId, true);
    const email = input.email.trim();
    return this.dataSource.transaction(async (manager) => {
      const current = await this.row(manager, id, true);
      const before = await this.view(manager, current);
      const role = await this.roleOfGroup(manager, input.roleId, input.group);
      await this.assertEmailFree(manager, email, id);
      try {
        await manager.getRepository(UserEntity).update({ id }, { ...columnsOf(input, partner), updatedAt: new Date() });
      } catch (error) {
        throw isUniqueViolation(error) ? emailTaken(email) : error;
      }
      await this.replaceMainRole(manager, id, role, caller.audit.actor);
      await manager.query(
        `DELETE FROM "auth"."role_assignments" a USING "auth"."roles" r
          WHERE r."id" = a."role_id" AND a."user_id" = $1 AND COALESCE(r."group_name", 'internal') <> $2`,
        [id, input.group],
      );
      const after = await this.view(manager, await this.row(manager, id), partner);
      await this.record(manager, caller, 'crm.user.updated', id, before, after);
      return after;
    });
  }

  /** An additional role of the user's group, permanent or temporary (startDate .. validUntil). */
  async assignRole(id: string, body: unknown, caller: CrmCaller): Promise<CrmUserView> {
    const input = await validateCrmBody(CrmAssignRoleBody, prepared(body));
    if (!input.name?.trim() && !input.roleId) throw invalidField('name', 'name (nama peran) atau roleId wajib diisi', 'required_without', '');
    const now = new Date();
    const startsAt = input.startDate?.trim() ? parseStart(input.startDate) : now;
    const endsAt = input.validUntil?.trim() ? parseEnd(input.validUntil) : null;
    const dateMessage = (field: string) => `${field} harus berupa tanggal (YYYY-MM-DD) atau tanggal-waktu ISO 8601`;
    if (!startsAt) throw invalidField('startDate', dateMessage('startDate'), 'datetime', input.startDate);
    if (input.validUntil?.trim() && !endsAt) throw invalidField('validUntil', dateMessage('validUntil'), 'datetime', input.validUntil);
    if (endsAt && endsAt.getTime() <= startsAt.getTime()) throw invalidField('validUntil', 'validUntil harus setelah startDate', 'gtfield', input.validUntil);
    if (endsAt && endsAt.getTime() <= now.getTime()) throw invalidField('validUntil', 'validUntil harus di masa mendatang', 'gt', input.validUntil);
    return this.dataSource.transaction(async (manager) => {
      const current = await this.row(manager, id, true);
      const group = groupOf(current.group_name);
      const before = await this.view(manager, current);
      const role = input.roleId ? await this.roleOfGroup(manager, input.roleId, group) : await this.roleNamed(manager, (input.name ?? '').trim(), group);
      const [overlap] = await manager.query<unknown[]>(
        `SELECT 1 FROM "auth"."role_assignments" WHERE "user_id" = $1 AND "role_id" = $2
            AND ("ends_at" IS NULL OR "ends_at" > $3) AND ($4::timestamptz IS NULL OR "starts_at" < $4) LIMIT 1`,
        [id, role.id, startsAt, endsAt],
      );
      if (overlap) throw conflict(`Pengguna sudah memiliki peran ${role.name} pada periode tersebut`);
      await this.roles.assignWithin(manager, id, role, { startsAt, endsAt }, caller.audit.actor);
      const after = await this.view(manager, current);
      await this.record(manager, caller, 'crm.user.role_assigned', id, before, after);
      return after;
    });
  }

  /** Activation; a deactivated user's sessions all end at once. */
  async setStatus(id: string, body: unknown, caller: CrmCaller): Promise<CrmUserView> {
    const { active } = await validateCrmBody(CrmUserStatusBody, body);
    const after = await this.dataSource.transaction(async (manager) => {
      const current = await this.row(manager, id, true);
      const before = await this.view(manager, current);
      const unlock = active ? { failedLoginCount: 0, lockedUntil: null } : {};
      await manager.getRepository(UserEntity).update({ id }, { active, updatedAt: new Date(), ...unlock });
      const changed = await this.view(manager, await this.row(manager, id));
      await this.record(manager, caller, active ? 'crm.user.activated' : 'crm.user.deactivated', id, before, changed);
      return changed;
    });
    if (!active) await this.revocation.revokeUserSessions(id, 'user_deactivated');
    return after;
  }

  async views(manager: EntityManager, rows: UserRow[], known: CrmPartnerSummary | null = null) {
    const assignments = await this.catalog.assignmentsOf(
      manager,
      rows.map((row) => row.id),
    );
    const partnerIds = rows.flatMap((row) => (row.partner_id && row.partner_id !== known?.id ? [row.partner_id] : []));
    const partners = await this.partners.findMany(partnerIds);
    if (known) partners.set(known.id, known);
    return rows.map((row) => ({
      id: row.id,
      name: row.display_name ?? '',
      email: row.email ?? row.username,
      phone: row.phone ?? '',
      active: row.active,
      group: groupOf(row.group_name),
      partner: row.partner_id ? { id: row.partner_id, name: partners.get(row.partner_id)?.name ?? null } : null,
      roles: (assignments.get(row.id) ?? []).map(assignmentView),
      passwordChangeRequired: row.password_change_required,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    }));
  }

  private async view(manager: EntityManager, row: UserRow, known: CrmPartnerSummary | null = null): Promise<CrmUserView> {
    const [view] = await this.views(manager, [row], known);
    return view as CrmUserView;
  }

  private async row(manager: EntityManager, id: string, lock = false): Promise<UserRow> {
    if (!isNumericId(id)) throw notFound(LABEL);
    const [row] = await manager.query<UserRow[]>(
      `SELECT ${COLUMNS} FROM "auth"."users" u WHERE u."id" = $1 AND u."realm" = 'crm'${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    if (!row) throw notFound(LABEL);
    return row;
  }

  /** The role named by id; it must belong to the group (a role without a group is for internal users). */
  private async roleOfGroup(manager: EntityManager, roleId: string, group: string): Promise<RoleEntity> {
    const role = isNumericId(roleId) ? await manager.getRepository(RoleEntity).findOneBy({ id: roleId, realm: 'crm' }) : null;
    if (!role) throw invalidField('roleId', 'Peran (roleId) tidak ditemukan', 'exists', roleId);
    const roleGroup = groupOf(role.groupName);
    if (roleGroup !== group) throw invalidField('roleId', `Peran ${role.name} hanya untuk grup ${roleGroup}, bukan grup ${group}`, 'role_group', roleId);
    return role;
  }

  private async roleNamed(manager: EntityManager, name: string, group: string): Promise<RoleEntity> {
    const [found] = await manager.query<Array<{ id: string }>>(
      `SELECT "id" FROM "auth"."roles" WHERE "realm" = 'crm' AND "name" = $1 AND COALESCE("group_name", 'internal') = $2`,
      [name, group],
    );
    if (!found) throw invalidField('name', `Peran ${name} tidak ditemukan pada grup ${group}`, 'exists', name);
    return manager.getRepository(RoleEntity).findOneByOrFail({ id: found.id });
  }

  private async assertEmailFree(manager: EntityManager, email: string, exceptId: string | null): Promise<void> {
    const [taken] = await manager.query<unknown[]>(
      `SELECT 1 FROM "auth"."users" WHERE "realm" = 'crm' AND (lower("email") = lower($1) OR lower("username") = lower($1)) AND ($2::bigint IS NULL OR "id" <> $2::bigint) LIMIT 1`,
      [email, exceptId],
    );
    if (taken) throw emailTaken(email);
  }

  private async insert(manager: EntityManager, user: Partial<UserEntity>): Promise<UserEntity> {
    try {
      return await manager.getRepository(UserEntity).save(manager.getRepository(UserEntity).create(user));
    } catch (error) {
      throw isUniqueViolation(error) ? emailTaken(String(user.email)) : error;
    }
  }

  private async replaceMainRole(manager: EntityManager, userId: string, role: RoleEntity, actor: string | null): Promise<void> {
    const permanent = await manager.query<Array<{ id: string; role_id: string }>>(
      `SELECT "id", "role_id" FROM "auth"."role_assignments" WHERE "user_id" = $1 AND "ends_at" IS NULL ORDER BY "id"`,
      [userId],
    );
    const main = permanent[0];
    if (main?.role_id === role.id) return;
    if (main) await manager.query(`DELETE FROM "auth"."role_assignments" WHERE "id" = $1`, [main.id]);
    if (!permanent.some((assignment) => assignment.role_id === role.id)) await this.roles.assignWithin(manager, userId, role, {}, actor);
  }

  private record(manager: EntityManager, caller: CrmCaller, type: string, userId: string, before: CrmUserView | null, after: CrmUserView): Promise<void> {
    return this.audit.record({ realm: 'crm', type, outcome: 'success', subject: userId, details: { before, after } }, caller.audit, manager);
  }
}

/** What a user body stores; the e-mail is also the login name. */
function columnsOf(input: CrmUserBody, partner: CrmPartnerSummary | null): Partial<UserEntity> {
  const email = input.email.trim();
  return {
    username: email,
    email,
    displayName: input.name.trim(),
    phone: input.phone?.trim() || null,
    groupName: input.group,
    partnerId: partner?.id ?? null,
  };
}

function emailTaken(email: string) {
  return conflict('Email sudah digunakan oleh pengguna lain', [{ field: 'email', message: 'email sudah digunakan', constraint: 'unique', value: email }]);
}

/** `status=true|false` (active or inactive users); `active` accepted too. */
function statusFilter(query: CrmQuery): boolean | undefined {
  const raw = crmQueryValue(query, 'status', 'active');
  if (raw === undefined) return undefined;
  const value = raw.toLowerCase();
  if (['true', '1', 'active'].includes(value)) return true;
  if (['false', '0', 'inactive'].includes(value)) return false;
  throw invalid([{ field: 'status', message: 'status harus true atau false', constraint: 'boolean', value: raw }]);
}
