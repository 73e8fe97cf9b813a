import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FieldError, PageMeta } from '@gerbang/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit-trail.js';
import type { Actor } from './caller.js';
import { conflict, notFound, postgresCode, shownValue } from './errors.js';
import { pageMeta, type Pagination } from './list-query.js';
import { isUuid, type SqlParams } from './sql.js';

export type Row = Record<string, unknown>;

/** A value (or combination) that must be unique; checked case-insensitively for text. */
export interface UniqueRule {
  /** The body field an error names. */
  field: string;
  /** Columns of the table whose values together must be unique. */
  columns: string[];
  message: string;
}

/** Another table whose rows point at this one; a referenced row cannot be deleted. */
export interface ReferenceRule {
  table: string;
  column: string;
  /** What the referencing rows are, in the error message (`Pembangkit`). */
  label: string;
  /** The column that names a referencing row in the message. */
  nameColumn: string;
}

/** How one crm table is read, listed, checked and shown. Every SQL fragment here is a constant of the code. */
export interface RecordSpec<TView> {
  table: string;
  /** Catalog resource name, recorded by the audit trail. */
  entity: string;
  /** Indonesian name for messages (`Pelanggan`). */
  label: string;
  /** SELECT list over the table aliased `t` (and `joins`). */
  columns: string;
  joins?: string;
  /** Extra SELECT items of the single-record view (nested children). */
  detailColumns?: string;
  toView(row: Row): TView;
  /** API field -> SQL expression, the sort whitelist. */
  sortable: Record<string, string>;
  defaultSort: string;
  uniques?: UniqueRule[];
  references?: ReferenceRule[];
}

export interface WriteOptions {
  /** Runs inside the write's transaction before the row is stored (checks of referenced rows). */
  beforeWrite?: (manager: EntityManager) => Promise<void>;
  /** Runs inside the write's transaction after the row is stored (children, extra checks). */
  afterWrite?: (manager: EntityManager, id: string) => Promise<void>;
}

/**
 * The common part of every crm resource: lists with exact page facts, reads, and writes
 * that check uniqueness, refuse to delete referenced rows and record the audit trail in the
 * same transaction.
 */
@Injectable()
export class RecordStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list<TView>(spec: RecordSpec<TView>, filters: SqlParams, pagination: Pagination, orderBy: string): Promise<{ data: TView[]; page: PageMeta }> {
    const from = `FROM "crm"."${spec.table}" t ${spec.joins ?? ''} ${filters.where}`;
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total ${from}`, filters.values)) as [{ total: number }];
    const limit = filters.bind(pagination.limit);
    const offset = filters.bind(pagination.offset);
    const rows = (await this.dataSource.query(`SELECT ${spec.columns} ${from} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}`, filters.values)) as Row[];
    return { data: rows.map((row) => spec.toView(row)), page: pageMeta(pagination, total) };
  }

  async get<TView>(spec: RecordSpec<TView>, id: string, manager: EntityManager = this.dataSource.manager): Promise<TView> {
    const view = await this.find(spec, id, manager);
    if (view === null) throw notFound(spec.label);
    return view;
  }

  async find<TView>(spec: RecordSpec<TView>, id: string, manager: EntityManager = this.dataSource.manager): Promise<TView | null> {
    if (!isUuid(id)) return null;
    const columns = spec.detailColumns ? `${spec.columns}, ${spec.detailColumns}` : spec.columns;
    const [row] = (await manager.query(`SELECT ${columns} FROM "crm"."${spec.table}" t ${spec.joins ?? ''} WHERE t."id" = $1`, [id])) as Row[];
    return row ? spec.toView(row) : null;
  }

  /** Inserts a row (`values` by column name) and answers its view. */
  async create<TView>(spec: RecordSpec<TView>, values: Row, actor: Actor, options: WriteOptions = {}): Promise<TView> {
    const id = randomUUID();
    return this.write(spec, async (manager) => {
      await this.assertUnique(manager, spec, values, null);
      await options.beforeWrite?.(manager);
      const columns = Object.keys(values);
      const placeholders = columns.map((_column, index) => `$${index + 3}`);
      await manager.query(
        `INSERT INTO "crm"."${spec.table}" ("id", "created_by", ${columns.map((column) => `"${column}"`).join(', ')}, "updated_by")
         VALUES ($1, $2, ${placeholders.join(', ')}, $2)`,
        [id, actor.id, ...columns.map((column) => values[column])],
      );
      await options.afterWrite?.(manager, id);
      const after = await this.get(spec, id, manager);
      await recordAudit(manager, actor, { action: 'create', entity: spec.entity, entityId: id, before: null, after: after as object });
      return after;
    });
  }

  /** Replaces the given columns of a row and answers its new view. */
  async update<TView>(spec: RecordSpec<TView>, id: string, values: Row, actor: Actor, options: WriteOptions = {}): Promise<TView> {
    return this.write(spec, async (manager) => {
      const before = await this.lock(manager, spec, id);
      await this.assertUnique(manager, spec, values, id);
      await options.beforeWrite?.(manager);
      const columns = Object.keys(values);
      await manager.query(
        `UPDATE "crm"."${spec.table}" SET ${columns.map((column, index) => `"${column}" = $${index + 3}`).join(', ')}, "updated_at" = now(), "updated_by" = $2
          WHERE "id" = $1`,
        [id, actor.id, ...columns.map((column) => values[column])],
      );
      await options.afterWrite?.(manager, id);
      const after = await this.get(spec, id, manager);
      await recordAudit(manager, actor, { action: 'update', entity: spec.entity, entityId: id, before: before as object, after: after as object });
      return after;
    });
  }

  /** Deletes a row nothing refers to; otherwise a 409 naming what still uses it. */
  async remove<TView>(spec: RecordSpec<TView>, id: string, actor: Actor): Promise<{ id: string; deleted: true }> {
    return this.write(spec, async (manager) => {
      const before = await this.lock(manager, spec, id);
      await this.assertUnreferenced(manager, spec, id);
      await manager.query(`DELETE FROM "crm"."${spec.table}" WHERE "id" = $1`, [id]);
      await recordAudit(manager, actor, { action: 'delete', entity: spec.entity, entityId: id, before: before as object, after: null });
      return { id, deleted: true as const };
    });
  }

  /** Reads a row that another write must not change meanwhile (a referenced owner, a location). */
  async lockShared(manager: EntityManager, table: string, id: string): Promise<Row | null> {
    if (!isUuid(id)) return null;
    const [row] = (await manager.query(`SELECT * FROM "crm"."${table}" WHERE "id" = $1 FOR SHARE`, [id])) as Row[];
    return row ?? null;
  }

  private async lock<TView>(manager: EntityManager, spec: RecordSpec<TView>, id: string): Promise<TView> {
    const locked = isUuid(id) ? ((await manager.query(`SELECT "id" FROM "crm"."${spec.table}" WHERE "id" = $1 FOR UPDATE`, [id])) as Row[]) : [];
    if (locked.length === 0) throw notFound(spec.label);
    return this.get(spec, id, manager);
  }

  private async write<T>(spec: RecordSpec<unknown>, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      // Backstops for a concurrent write that slipped between the check and the statement.
      if (postgresCode(error) === '23505') throw conflict(`${spec.label} dengan data yang sama sudah ada`);
      if (postgresCode(error) === '23503') throw conflict(`${spec.label} tidak dapat dihapus atau diubah karena masih digunakan data lain`);
      throw error;
    }
  }

  private async assertUnique<TView>(manager: EntityManager, spec: RecordSpec<TView>, values: Row, id: string | null): Promise<void> {
    const duplicates: FieldError[] = [];
    for (const rule of spec.uniques ?? []) {
      const wanted = rule.columns.map((column) => values[column]);
      if (wanted.some((value) => value === null || value === undefined)) continue;
      const conditions = rule.columns.map((column, index) =>
        typeof wanted[index] === 'string' ? `lower("${column}") = lower($${index + 2})` : `"${column}" = $${index + 2}`,
      );
      const rows = (await manager.query(
        `SELECT 1 FROM "crm"."${spec.table}" WHERE ($1::uuid IS NULL OR "id" <> $1::uuid) AND ${conditions.join(' AND ')} LIMIT 1`,
        [id, ...wanted],
      )) as Row[];
      if (rows.length > 0)
        duplicates.push({
          field: rule.field,
          message: rule.message,
          constraint: 'unique',
          value: shownValue(wanted.length === 1 ? wanted[0] : wanted.join('-')),
        });
    }
    if (duplicates.length > 0) throw conflict(duplicates.map((duplicate) => duplicate.message).join('; '), duplicates);
  }

  private async assertUnreferenced<TView>(manager: EntityManager, spec: RecordSpec<TView>, id: string): Promise<void> {
    const uses: string[] = [];
    for (const reference of spec.references ?? []) {
      const rows = (await manager.query(
        `SELECT "${reference.nameColumn}" AS name, count(*) OVER ()::int AS total FROM "crm"."${reference.table}" WHERE "${reference.column}" = $1 ORDER BY 1 LIMIT 3`,
        [id],
      )) as Array<{ name: string; total: number }>;
      if (rows.length === 0) continue;
      const total = rows[0]?.total ?? rows.length;
      const names = rows.map((row) => row.name).join(', ');
      uses.push(`${reference.label} (${total}): ${names}${total > rows.length ? ', …' : ''}`);
    }
    if (uses.length > 0) {
      const message = `${spec.label} tidak dapat dihapus karena masih digunakan oleh ${uses.join('; ')}`;
      throw conflict(message, [{ field: 'id', message, constraint: 'referenced', value: id }]);
    }
  }
}
