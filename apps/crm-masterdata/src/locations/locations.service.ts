import { Injectable } from '@nestjs/common';
import { CRM_AREAS, CRM_LOCATION_TYPES, type CrmLocationType } from '@gerbang/contracts';
import type { EntityManager } from 'typeorm';
import { validateBody, withAliases } from '../common/body.js';
import { conflict } from '../common/errors.js';
import { choiceFilter, queryValue, searchText, type Query } from '../common/list-query.js';
import { RecordService, type PreparedWrite } from '../common/record-service.js';
import type { RecordSpec, Row } from '../common/record-store.js';
import { SqlParams } from '../common/sql.js';
import { STAMP_COLUMNS, STAMP_SORT, stamps } from '../common/views.js';
import { requireIndonesianPosition } from '../geo/position.js';
import { isArealessType, LocationBody } from './dto/location.dto.js';

export interface LocationView {
  id: string;
  name: string;
  area: string | null;
  type: string;
  longitude: number;
  latitude: number;
  timezone: string;
  createdAt: string;
  updatedAt: string;
}

export const LOCATIONS: RecordSpec<LocationView> = {
  table: 'locations',
  entity: 'location',
  label: 'Lokasi',
  columns: `t."id", t."name", t."area", t."type", t."longitude", t."latitude", t."timezone", ${STAMP_COLUMNS}`,
  toView: (row: Row) => ({
    id: String(row.id),
    name: String(row.name),
    area: (row.area as string | null) ?? null,
    type: String(row.type),
    longitude: Number(row.longitude),
    latitude: Number(row.latitude),
    timezone: String(row.timezone),
    ...stamps(row),
  }),
  sortable: { name: 't."name"', type: 't."type"', area: 't."area"', timezone: 't."timezone"', ...STAMP_SORT },
  defaultSort: 't."name" ASC',
  uniques: [{ field: 'name', columns: ['name'], message: 'Nama lokasi (name) sudah digunakan' }],
  references: [{ table: 'power_plants', column: 'unloading_location_id', label: 'Pembangkit', nameColumn: 'name' }],
};

/** The power plant rule's wording (`functionLocation = unloadingFunction`) names the unloading point too. */
const TYPE_ALIASES: Record<string, CrmLocationType> = { unloadingFunction: 'unloadingPoint' };

@Injectable()
export class LocationsService extends RecordService<LocationView> {
  protected readonly spec = LOCATIONS;

  protected filters(query: Query): SqlParams {
    const typeText = queryValue(query, 'type', 'functionLocation');
    const typeQuery = { type: typeText && (TYPE_ALIASES[typeText] ?? typeText) };
    return new SqlParams()
      .search(searchText(query), 't."name"')
      .filter(choiceFilter(typeQuery, ['type'], Object.keys(CRM_LOCATION_TYPES)), (value) => `t."type" = ${value}`)
      .filter(choiceFilter(query, ['area'], Object.keys(CRM_AREAS)), (value) => `t."area" = ${value}`);
  }

  protected async prepare(raw: unknown, id: string | null): Promise<PreparedWrite> {
    const body = await validateBody(LocationBody, withAliases(raw, { type: ['functionLocation', 'fuctionLocation'] }));
    const values = {
      name: body.name.trim(),
      type: body.type,
      area: isArealessType(body.type) ? null : body.area,
      latitude: body.latitude,
      longitude: body.longitude,
      timezone: requireIndonesianPosition(body.latitude, body.longitude),
    };
    // Only an existing location can be some power plant's unloading location.
    const keepsUnloading = id === null || values.type === 'unloadingPoint';
    return { values, options: keepsUnloading ? {} : { afterWrite: (manager) => assertNotUnloadingLocation(manager, id) } };
  }
}

/** A power plant's unloading location must stay an unloadingPoint. */
async function assertNotUnloadingLocation(manager: EntityManager, id: string): Promise<void> {
  const rows = (await manager.query(`SELECT "name" FROM "crm"."power_plants" WHERE "unloading_location_id" = $1 ORDER BY "name" LIMIT 3`, [id])) as Array<{
    name: string;
  }>;
  if (rows.length === 0) return;
  const message = `type harus tetap unloadingPoint karena lokasi ini adalah lokasi bongkar Pembangkit: ${rows.map((row) => row.name).join(', ')}`;
  throw conflict(message, [{ field: 'type', message, constraint: 'referenced', value: '' }]);
}
