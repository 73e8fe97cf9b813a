import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PageMeta, RetribusiCategory } from '@gerbang/contracts';
import { conflict, invalidField, isUniqueViolation, notFound, pageMeta, SqlConditions, type Actor, type Pagination } from '@gerbang/retribusi';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { GateEntity } from '../gates/gate.entity.js';
import { MasterDataCache } from '../master-data/master-data-cache.js';
import type { CreateTariffDto, UpdateTariffDto } from './dto/tariff.dto.js';
import { TariffEntity } from './tariff.entity.js';

export interface TariffView {
  location_code: string;
  gate_code: string;
  category: RetribusiCategory;
  price: number;
}

export interface TariffListView extends TariffView {
  location_name: string;
  gate_name: string;
}

export interface TariffKey {
  locationCode: string;
  gateCode: string;
  category: RetribusiCategory;
}

const toTariffView = (tariff: Pick<TariffEntity, 'locationCode' | 'gateCode' | 'category' | 'price'>): TariffView => ({
  location_code: tariff.locationCode,
  gate_code: tariff.gateCode,
  category: tariff.category,
  price: tariff.price,
});

const tariffKey = (key: TariffKey): string => `${key.locationCode}/${key.gateCode}/${key.category}`;

@Injectable()
export class TariffsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly cache: MasterDataCache,
  ) {}

  async list(
    filter: { locationCode?: string; gateCode?: string; category?: RetribusiCategory },
    pagination: Pagination,
  ): Promise<{ data: TariffListView[]; page: PageMeta }> {
    const conditions = new SqlConditions()
      .add('t."location_code" = ?', filter.locationCode)
      .add('t."gate_code" = ?', filter.gateCode)
      .add('t."category" = ?', filter.category);
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM "retribusi"."tariffs" t ${conditions.where}`, conditions.values)) as [
      { total: number },
    ];
    const data = (await this.dataSource.query(
      `SELECT t."location_code", t."gate_code", t."category", t."price", l."name" AS location_name, g."name" AS gate_name
         FROM "retribusi"."tariffs" t
         JOIN "retribusi"."gates" g ON g."location_code" = t."location_code" AND g."gate_code" = t."gate_code"
         JOIN "retribusi"."locations" l ON l."code" = t."location_code"
         ${conditions.where}
        ORDER BY t."location_code", t."gate_code", array_position(ARRAY['person_walk', 'motor', 'car']::varchar[], t."category")
        LIMIT ${conditions.param(pagination.limit)} OFFSET ${conditions.param(pagination.offset)}`,
      conditions.values,
    )) as TariffListView[];
    return { data, page: pageMeta(pagination, total) };
  }

  async get(key: TariffKey): Promise<TariffView> {
    const tariff = await this.dataSource.manager.findOne(TariffEntity, { where: key });
    if (!tariff) throw notFound('Tariff not found');
    return toTariffView(tariff);
  }

  async create(input: CreateTariffDto, actor: Actor): Promise<TariffView> {
    const view: TariffView = { location_code: input.location_code, gate_code: input.gate_code, category: input.category, price: input.price };
    const key: TariffKey = { locationCode: view.location_code, gateCode: view.gate_code, category: view.category };
    try {
      await this.dataSource.transaction(async (manager) => {
        const gate = await manager.findOne(GateEntity, {
          where: { locationCode: key.locationCode, gateCode: key.gateCode },
          lock: { mode: 'pessimistic_read' },
        });
        if (!gate) throw notFound('Gate not found');
        await manager.insert(TariffEntity, { ...key, price: view.price });
        await this.audit.record(manager, actor, { action: 'create', entity: 'tariffs', entityKey: tariffKey(key), before: null, after: view });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('Tariff already exists');
      throw error;
    }
    this.cache.invalidate();
    return view;
  }

  async update(key: TariffKey, input: UpdateTariffDto, actor: Actor): Promise<TariffView> {
    if (input.location_code !== undefined && input.location_code !== key.locationCode) throw invalidField('location_code', 'Location code cannot be changed');
    if (input.gate_code !== undefined && input.gate_code !== key.gateCode) throw invalidField('gate_code', 'Gate code cannot be changed');
    if (input.category !== undefined && input.category !== key.category) throw invalidField('category', 'Category cannot be changed');
    const after = await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(TariffEntity, { where: key, lock: { mode: 'pessimistic_write' } });
      if (!current) throw notFound('Tariff not found');
      const before = toTariffView(current);
      const next: TariffView = { ...before, price: input.price };
      await manager.update(TariffEntity, key, { price: next.price });
      await this.audit.record(manager, actor, { action: 'update', entity: 'tariffs', entityKey: tariffKey(key), before, after: next });
      return next;
    });
    this.cache.invalidate();
    return after;
  }

  /** Hard delete, as the document says; events keep the price they were stored with. */
  async remove(key: TariffKey, actor: Actor): Promise<{ deleted: true }> {
    await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(TariffEntity, { where: key, lock: { mode: 'pessimistic_write' } });
      if (!current) throw notFound('Tariff not found');
      await manager.delete(TariffEntity, key);
      await this.audit.record(manager, actor, { action: 'delete', entity: 'tariffs', entityKey: tariffKey(key), before: toTariffView(current), after: null });
    });
    this.cache.invalidate();
    return { deleted: true };
  }
}
