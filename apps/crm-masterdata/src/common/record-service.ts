import { Injectable } from '@nestjs/common';
import type { PageMeta } from '@gerbang/contracts';
import type { Actor } from './caller.js';
import type { CrudService } from './crud-controller.js';
import { parsePagination, parseSort, type Query } from './list-query.js';
import { RecordStore, type RecordSpec, type Row, type WriteOptions } from './record-store.js';
import type { SqlParams } from './sql.js';

/** A validated body as columns, with the checks and children its write needs. */
export interface PreparedWrite {
  values: Row;
  options?: WriteOptions;
}

/**
 * A crm resource kept in one table. Each resource says how a list query becomes conditions
 * and how a body becomes columns; listing, reading, writing and deleting are the store's.
 */
@Injectable()
export abstract class RecordService<TView> implements CrudService {
  protected abstract readonly spec: RecordSpec<TView>;

  constructor(protected readonly store: RecordStore) {}

  /** The list's conditions (search and filters) read from the query. */
  protected abstract filters(query: Query): SqlParams;

  /** Validates a body for a new record (`id` null) or the record `id`. */
  protected abstract prepare(body: unknown, id: string | null): Promise<PreparedWrite>;

  list(query: Query): Promise<{ data: TView[]; page: PageMeta }> {
    const filters = this.filters(query);
    return this.store.list(this.spec, filters, parsePagination(query), parseSort(query, this.spec.sortable, this.spec.defaultSort));
  }

  get(id: string): Promise<TView> {
    return this.store.get(this.spec, id);
  }

  async create(body: unknown, actor: Actor): Promise<TView> {
    const { values, options } = await this.prepare(body, null);
    return this.store.create(this.spec, values, actor, options);
  }

  async update(id: string, body: unknown, actor: Actor): Promise<TView> {
    const { values, options } = await this.prepare(body, id);
    return this.store.update(this.spec, id, values, actor, options);
  }

  remove(id: string, actor: Actor): Promise<{ id: string; deleted: true }> {
    return this.store.remove(this.spec, id, actor);
  }
}
