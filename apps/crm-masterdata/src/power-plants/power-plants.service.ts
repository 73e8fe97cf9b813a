import { Injectable } from '@nestjs/common';
import { CRM_POWER_PLANT_GROUPS, type FieldError } from '@gerbang/contracts';
import type { EntityManager } from 'typeorm';
import { bodyRecord, optionalText, validateBody, withAliases } from '../common/body.js';
import { invalid } from '../common/errors.js';
import { choiceFilter, idFilter, searchText, type Query } from '../common/list-query.js';
import { RecordService, type PreparedWrite } from '../common/record-service.js';
import type { RecordSpec, Row } from '../common/record-store.js';
import { SqlParams } from '../common/sql.js';
import { STAMP_COLUMNS, STAMP_SORT, stamps } from '../common/views.js';
import { requireIndonesianPosition } from '../geo/position.js';
import { PowerPlantBody } from './dto/power-plant.dto.js';

export interface PowerPlantView {
  id: string;
  name: string;
  owner: { id: string; companyName: string };
  ownerGroup: string;
  area: string | null;
  latitude: number;
  longitude: number;
  unloadingLocation: { id: string; name: string; type: string; longitude: number; latitude: number; timezone: string };
  createdAt: string;
  updatedAt: string;
}

export const POWER_PLANTS: RecordSpec<PowerPlantView> = {
  table: 'power_plants',
  entity: 'power-plant',
  label: 'Pembangkit',
  columns: `t."id", t."name", t."owner_id", c."company_name" AS "owner_name", t."owner_group", t."area", t."latitude", t."longitude",
            t."unloading_location_id", l."name" AS "location_name", l."type" AS "location_type", l."longitude" AS "location_longitude",
            l."latitude" AS "location_latitude", l."timezone" AS "location_timezone", ${STAMP_COLUMNS}`,
  joins: `JOIN "crm"."customers" c ON c."id" = t."owner_id" JOIN "crm"."locations" l ON l."id" = t."unloading_location_id"`,
  toView: (row: Row) => ({
    id: String(row.id),
    name: String(row.name),
    owner: { id: String(row.owner_id), companyName: String(row.owner_name) },
    ownerGroup: String(row.owner_group),
    area: (row.area as string | null) ?? null,
    latitude: Number(row.latitude),
    longitude: Number(row.longitude),
    unloadingLocation: {
      id: String(row.unloading_location_id),
      name: String(row.location_name),
      type: String(row.location_type),
      longitude: Number(row.location_longitude),
      latitude: Number(row.location_latitude),
      timezone: String(row.location_timezone),
    },
    ...stamps(row),
  }),
  sortable: { name: 't."name"', ownerGroup: 't."owner_group"', ownerName: 'c."company_name"', ...STAMP_SORT },
  defaultSort: 't."name" ASC',
  uniques: [{ field: 'name', columns: ['name'], message: 'Nama pembangkit (name) sudah digunakan' }],
};

/** The document spells the owner `ownerId`, `owner`, `customerId` and `powerPlantOwner`, and the group three ways. */
const ALIASES = {
  ownerId: ['owner', 'customerId', 'powerPlantOwnerId', 'powerPlantOwner'],
  ownerGroup: ['customerGroup', 'powerPlantGroup'],
  unloadingLocationId: ['unloadingLocation'],
};

@Injectable()
export class PowerPlantsService extends RecordService<PowerPlantView> {
  protected readonly spec = POWER_PLANTS;

  protected filters(query: Query): SqlParams {
    return new SqlParams()
      .search(searchText(query), 't."name"')
      .filter(idFilter(query, ['powerPlantOwnerId', 'ownerId', 'customerId']), (value) => `t."owner_id" = ${value}::uuid`)
      .filter(choiceFilter(query, ['powerPlantGroup', 'ownerGroup'], Object.keys(CRM_POWER_PLANT_GROUPS)), (value) => `t."owner_group" = ${value}`);
  }

  protected async prepare(raw: unknown): Promise<PreparedWrite> {
    const body = await validateBody(PowerPlantBody, withAliases(withNestedIds(raw), ALIASES));
    requireIndonesianPosition(body.latitude, body.longitude);
    const values = {
      name: body.name.trim(),
      owner_id: body.ownerId,
      owner_group: body.ownerGroup,
      area: optionalText(body.area),
      latitude: body.latitude,
      longitude: body.longitude,
      unloading_location_id: body.unloadingLocationId,
    };
    return { values, options: { beforeWrite: (manager) => this.assertReferences(manager, values) } };
  }

  /** The owner is a customer and the unloading location an unloadingPoint; both stay locked until the write commits. */
  private async assertReferences(manager: EntityManager, values: Row): Promise<void> {
    const fields: FieldError[] = [];
    const owner = await this.store.lockShared(manager, 'customers', String(values.owner_id));
    if (!owner)
      fields.push({ field: 'ownerId', message: 'ownerId harus berupa id pelanggan (customer) yang terdaftar', constraint: 'exists', value: values.owner_id });
    const location = await this.store.lockShared(manager, 'locations', String(values.unloading_location_id));
    if (!location) {
      fields.push({
        field: 'unloadingLocationId',
        message: 'unloadingLocationId harus berupa id lokasi yang terdaftar',
        constraint: 'exists',
        value: values.unloading_location_id,
      });
    } else if (location.type !== 'unloadingPoint') {
      fields.push({
        field: 'unloadingLocationId',
        message: `unloadingLocationId harus lokasi bertipe unloadingPoint (Lokasi Bongkar), bukan ${String(location.type)}`,
        constraint: 'unloadingPoint',
        value: values.unloading_location_id,
      });
    }
    if (fields.length > 0) throw invalid(fields);
  }
}

/** A client that sends back what GET answered has `owner: {id, ...}` and `unloadingLocation: {id, ...}`. */
function withNestedIds(raw: unknown): unknown {
  const body = bodyRecord(raw);
  if (body !== raw) return raw;
  const idOf = (value: unknown) => (typeof value === 'object' && value !== null && 'id' in value ? (value as { id: unknown }).id : value);
  return { ...body, owner: idOf(body.owner), unloadingLocation: idOf(body.unloadingLocation) };
}
