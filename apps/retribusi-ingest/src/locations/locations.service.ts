import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PageMeta } from '@gerbang/contracts';
import {
  conflict,
  invalidField,
  isUniqueViolation,
  notFound,
  pageMeta,
  SqlConditions,
  validationFailed,
  type Actor,
  type Pagination,
} from '@gerbang/retribusi';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { toActiveFlag } from '../common/dto-rules.js';
import { MasterDataCache } from '../master-data/master-data-cache.js';
import type { CreateLocationDto, UpdateLocationDto } from './dto/location.dto.js';
import { LocationEntity } from './location.entity.js';

export interface LocationView {
  code: string;
  name: string;
  type: string;
  is_active: number;
}

export function toLocationView(location: Pick<LocationEntity, 'code' | 'name' | 'type' | 'isActive'>): LocationView {
  return { code: location.code, name: location.name, type: location.type, is_active: location.isActive };
}

@Injectable()
export class LocationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly cache: MasterDataCache,
  ) {}

  async list(filter: { locationCode?: string }, pagination: Pagination): Promise<{ data: LocationView[]; page: PageMeta }> {
    const conditions = new SqlConditions().add('"code" = ?', filter.locationCode);
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM "retribusi"."locations" ${conditions.where}`, conditions.values)) as [
      { total: number },
    ];
    const data = (await this.dataSource.query(
      `SELECT "code", "name", "type", "is_active" FROM "retribusi"."locations" ${conditions.where}
        ORDER BY "code" LIMIT ${conditions.param(pagination.limit)} OFFSET ${conditions.param(pagination.offset)}`,
      conditions.values,
    )) as LocationView[];
    return { data, page: pageMeta(pagination, total) };
  }

  async get(code: string): Promise<LocationView> {
    const location = await this.dataSource.manager.findOne(LocationEntity, { where: { code } });
    if (!location) throw notFound('Location not found');
    return toLocationView(location);
  }

  async create(input: CreateLocationDto, actor: Actor): Promise<LocationView> {
    const view: LocationView = { code: input.code, name: input.name, type: input.type, is_active: toActiveFlag(input.is_active, 1) };
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.insert(LocationEntity, { code: view.code, name: view.name, type: view.type, isActive: view.is_active });
        await this.audit.record(manager, actor, { action: 'create', entity: 'locations', entityKey: view.code, before: null, after: view });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('Location already exists');
      throw error;
    }
    this.cache.invalidate();
    return view;
  }

  async update(code: string, input: UpdateLocationDto, actor: Actor): Promise<LocationView> {
    if (input.code !== undefined && input.code !== code) throw invalidField('code', 'Code cannot be changed');
    if (input.name === undefined && input.type === undefined && input.is_active === undefined) {
      throw validationFailed([{ field: 'body', message: 'Nothing to update: send name, type or is_active' }]);
    }
    const after = await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(LocationEntity, { where: { code }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw notFound('Location not found');
      const before = toLocationView(current);
      const next: LocationView = {
        ...before,
        name: input.name ?? before.name,
        type: input.type ?? before.type,
        is_active: toActiveFlag(input.is_active, before.is_active),
      };
      await manager.update(LocationEntity, { code }, { name: next.name, type: next.type, isActive: next.is_active });
      await this.audit.record(manager, actor, { action: 'update', entity: 'locations', entityKey: code, before, after: next });
      return next;
    });
    this.cache.invalidate();
    return after;
  }

  /** Soft delete: the location stays (its history refers to it) with is_active = 0. */
  async remove(code: string, actor: Actor): Promise<{ deleted: true }> {
    await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(LocationEntity, { where: { code }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw notFound('Location not found');
      // Deleting again changes nothing, so it answers the same and leaves no second audit row.
      if (current.isActive === 0) return;
      const before = toLocationView(current);
      await manager.update(LocationEntity, { code }, { isActive: 0 });
      await this.audit.record(manager, actor, { action: 'delete', entity: 'locations', entityKey: code, before, after: { ...before, is_active: 0 } });
    });
    this.cache.invalidate();
    return { deleted: true };
  }
}
