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
import { LocationEntity } from '../locations/location.entity.js';
import { MasterDataCache } from '../master-data/master-data-cache.js';
import type { CreateGateDto, UpdateGateDto } from './dto/gate.dto.js';
import { GateEntity } from './gate.entity.js';

export interface GateView {
  location_code: string;
  gate_code: string;
  name: string;
  direction: 'in' | 'out';
  camera: string | null;
  is_active: number;
}

export function toGateView(gate: Pick<GateEntity, 'locationCode' | 'gateCode' | 'name' | 'direction' | 'camera' | 'isActive'>): GateView {
  return {
    location_code: gate.locationCode,
    gate_code: gate.gateCode,
    name: gate.name,
    direction: gate.direction,
    camera: gate.camera,
    is_active: gate.isActive,
  };
}

/** An empty camera string means "no camera", like null. */
const cameraValue = (camera: string | null | undefined): string | null | undefined => (camera === '' ? null : camera);

export const gateKey = (locationCode: string, gateCode: string): string => `${locationCode}/${gateCode}`;

@Injectable()
export class GatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly cache: MasterDataCache,
  ) {}

  async list(filter: { locationCode?: string }, pagination: Pagination): Promise<{ data: GateView[]; page: PageMeta }> {
    const conditions = new SqlConditions().add('"location_code" = ?', filter.locationCode);
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM "retribusi"."gates" ${conditions.where}`, conditions.values)) as [
      { total: number },
    ];
    const data = (await this.dataSource.query(
      `SELECT "location_code", "gate_code", "name", "direction", "camera", "is_active" FROM "retribusi"."gates" ${conditions.where}
        ORDER BY "location_code", "gate_code" LIMIT ${conditions.param(pagination.limit)} OFFSET ${conditions.param(pagination.offset)}`,
      conditions.values,
    )) as GateView[];
    return { data, page: pageMeta(pagination, total) };
  }

  async get(locationCode: string, gateCode: string): Promise<GateView> {
    const gate = await this.dataSource.manager.findOne(GateEntity, { where: { locationCode, gateCode } });
    if (!gate) throw notFound('Gate not found');
    return toGateView(gate);
  }

  async create(input: CreateGateDto, actor: Actor): Promise<GateView> {
    const view: GateView = {
      location_code: input.location_code,
      gate_code: input.gate_code,
      name: input.name,
      direction: input.direction,
      camera: cameraValue(input.camera) ?? null,
      is_active: toActiveFlag(input.is_active, 1),
    };
    try {
      await this.dataSource.transaction(async (manager) => {
        // The share lock keeps the location from being removed under the new gate.
        const location = await manager.findOne(LocationEntity, { where: { code: view.location_code }, lock: { mode: 'pessimistic_read' } });
        if (!location) throw notFound('Location not found');
        await manager.insert(GateEntity, {
          locationCode: view.location_code,
          gateCode: view.gate_code,
          name: view.name,
          direction: view.direction,
          camera: view.camera,
          isActive: view.is_active,
        });
        await this.audit.record(manager, actor, {
          action: 'create',
          entity: 'gates',
          entityKey: gateKey(view.location_code, view.gate_code),
          before: null,
          after: view,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('Gate already exists');
      throw error;
    }
    this.cache.invalidate();
    return view;
  }

  async update(locationCode: string, gateCode: string, input: UpdateGateDto, actor: Actor): Promise<GateView> {
    if (input.location_code !== undefined && input.location_code !== locationCode) throw invalidField('location_code', 'Location code cannot be changed');
    if (input.gate_code !== undefined && input.gate_code !== gateCode) throw invalidField('gate_code', 'Gate code cannot be changed');
    if (input.name === undefined && input.direction === undefined && input.camera === undefined && input.is_active === undefined) {
      throw validationFailed([{ field: 'body', message: 'Nothing to update: send name, direction, camera or is_active' }]);
    }
    const after = await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(GateEntity, { where: { locationCode, gateCode }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw notFound('Gate not found');
      const before = toGateView(current);
      const camera = cameraValue(input.camera);
      const next: GateView = {
        ...before,
        name: input.name ?? before.name,
        direction: input.direction ?? before.direction,
        camera: camera === undefined ? before.camera : camera,
        is_active: toActiveFlag(input.is_active, before.is_active),
      };
      await manager.update(
        GateEntity,
        { locationCode, gateCode },
        { name: next.name, direction: next.direction, camera: next.camera, isActive: next.is_active },
      );
      await this.audit.record(manager, actor, { action: 'update', entity: 'gates', entityKey: gateKey(locationCode, gateCode), before, after: next });
      return next;
    });
    this.cache.invalidate();
    return after;
  }

  /** Soft delete (is_active = 0); its tariffs stay for when it is reactivated. */
  async remove(locationCode: string, gateCode: string, actor: Actor): Promise<{ deleted: true }> {
    await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(GateEntity, { where: { locationCode, gateCode }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw notFound('Gate not found');
      // Deleting again changes nothing, so it answers the same and leaves no second audit row.
      if (current.isActive === 0) return;
      const before = toGateView(current);
      await manager.update(GateEntity, { locationCode, gateCode }, { isActive: 0 });
      await this.audit.record(manager, actor, {
        action: 'delete',
        entity: 'gates',
        entityKey: gateKey(locationCode, gateCode),
        before,
        after: { ...before, is_active: 0 },
      });
    });
    this.cache.invalidate();
    return { deleted: true };
  }
}
