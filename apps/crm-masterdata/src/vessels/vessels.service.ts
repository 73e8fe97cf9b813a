import { Injectable } from '@nestjs/common';
import { CRM_VESSEL_TYPES } from '@gerbang/contracts';
import { optionalText, validateBody } from '../common/body.js';
import { choiceFilter, searchText, type Query } from '../common/list-query.js';
import { RecordService, type PreparedWrite } from '../common/record-service.js';
import type { RecordSpec, Row } from '../common/record-store.js';
import { SqlParams } from '../common/sql.js';
import { numberOrNull, STAMP_COLUMNS, STAMP_SORT, stamps, textOrEmpty } from '../common/views.js';
import { VesselBody } from './dto/vessel.dto.js';

export interface VesselView {
  id: string;
  name: string;
  initial: string;
  portOfRegister: string;
  imoId: number | null;
  mmsiNo: number | null;
  vesselType: string;
  speed: number | null;
  capacity: number | null;
  productionYear: number | null;
  pic: string;
  picContact: string;
  createdAt: string;
  updatedAt: string;
}

export const VESSELS: RecordSpec<VesselView> = {
  table: 'vessels',
  entity: 'vessel',
  label: 'Kapal',
  columns: `t."id", t."name", t."initial", t."port_of_register", t."imo_id", t."mmsi_no", t."vessel_type", t."speed", t."capacity", t."production_year",
            t."pic", t."pic_contact", ${STAMP_COLUMNS}`,
  toView: (row: Row) => ({
    id: String(row.id),
    name: String(row.name),
    initial: textOrEmpty(row.initial),
    portOfRegister: textOrEmpty(row.port_of_register),
    imoId: numberOrNull(row.imo_id),
    mmsiNo: numberOrNull(row.mmsi_no),
    vesselType: String(row.vessel_type),
    speed: numberOrNull(row.speed),
    capacity: numberOrNull(row.capacity),
    productionYear: numberOrNull(row.production_year),
    pic: textOrEmpty(row.pic),
    picContact: textOrEmpty(row.pic_contact),
    ...stamps(row),
  }),
  sortable: {
    name: 't."name"',
    initial: 't."initial"',
    vesselType: 't."vessel_type"',
    imoId: 't."imo_id"',
    mmsiNo: 't."mmsi_no"',
    capacity: 't."capacity"',
    productionYear: 't."production_year"',
    ...STAMP_SORT,
  },
  defaultSort: 't."name" ASC',
  uniques: [
    { field: 'name', columns: ['name'], message: 'Nama kapal (name) sudah digunakan' },
    { field: 'imoId', columns: ['imo_id'], message: 'imoId sudah digunakan kapal lain' },
    { field: 'mmsiNo', columns: ['mmsi_no'], message: 'mmsiNo sudah digunakan kapal lain' },
  ],
};

@Injectable()
export class VesselsService extends RecordService<VesselView> {
  protected readonly spec = VESSELS;

  protected filters(query: Query): SqlParams {
    return new SqlParams()
      .search(searchText(query), 't."name"')
      .filter(choiceFilter(query, ['type', 'vesselType'], Object.keys(CRM_VESSEL_TYPES)), (value) => `t."vessel_type" = ${value}`);
  }

  protected async prepare(raw: unknown): Promise<PreparedWrite> {
    const body = await validateBody(VesselBody, raw);
    return {
      values: {
        name: body.name.trim(),
        initial: optionalText(body.initial),
        port_of_register: optionalText(body.portOfRegister),
        imo_id: digitsOrNull(body.imoId),
        mmsi_no: digitsOrNull(body.mmsiNo),
        vessel_type: body.vesselType,
        speed: body.speed ?? null,
        capacity: body.capacity ?? null,
        production_year: body.productionYear ?? null,
        pic: optionalText(body.pic),
        pic_contact: optionalText(body.picContact),
      },
    };
  }
}

const digitsOrNull = (value: number | string | null | undefined): string | null =>
  value === null || value === undefined || value === '' ? null : String(value).trim();
