import { Injectable } from '@nestjs/common';
import { CRM_CLASSIFICATION_MODES, type PageMeta } from '@gerbang/contracts';
import { validateBody, withAliases } from '../common/body.js';
import type { Actor } from '../common/caller.js';
import type { CrudService } from '../common/crud-controller.js';
import { invalidField } from '../common/errors.js';
import { booleanFilter, choiceFilter, parsePagination, parseSort, searchText, type Query } from '../common/list-query.js';
import { PermissionChecker } from '../common/permissions.js';
import { RecordStore, type RecordSpec, type Row } from '../common/record-store.js';
import { containsPattern, SqlParams } from '../common/sql.js';
import { numberOrNull, STAMP_COLUMNS, STAMP_SORT, stamps } from '../common/views.js';
import { VESSELS, VesselsService, type VesselView } from '../vessels/vessels.service.js';
import { TransportationModeBody } from './dto/transportation-mode.dto.js';

export interface TransportationModeView {
  id: string;
  name: string;
  classificationMode: string;
  volumeMax: number | null;
  volumeMin: number | null;
  /** The document's own spelling, answered beside volumeMin for its clients. */
  'volume Min': number | null;
  createdAt: string;
  updatedAt: string;
}

export const TRANSPORTATION_MODES: RecordSpec<TransportationModeView> = {
  table: 'transportation_modes',
  entity: 'transportation-mode',
  label: 'Moda transportasi',
  columns: `t."id", t."name", t."classification_mode", t."volume_max", t."volume_min", ${STAMP_COLUMNS}`,
  toView: (row: Row) => ({
    id: String(row.id),
    name: String(row.name),
    classificationMode: String(row.classification_mode),
    volumeMax: numberOrNull(row.volume_max),
    volumeMin: numberOrNull(row.volume_min),
    'volume Min': numberOrNull(row.volume_min),
    ...stamps(row),
  }),
  sortable: {
    name: 't."name"',
    classificationMode: 't."classification_mode"',
    volumeMax: 't."volume_max"',
    volumeMin: 't."volume_min"',
    ...STAMP_SORT,
  },
  defaultSort: 't."name" ASC',
  uniques: [{ field: 'name', columns: ['name'], message: 'Nama moda transportasi (name) sudah digunakan' }],
};

@Injectable()
export class TransportationModesService implements CrudService {
  constructor(
    private readonly store: RecordStore,
    private readonly vessels: VesselsService,
    private readonly permissions: PermissionChecker,
  ) {}

  /** `isVessel=true` keeps vessels and barges (what travels by water), `false` trucks. */
  list(query: Query): Promise<{ data: TransportationModeView[]; page: PageMeta }> {
    const search = searchText(query);
    const filters = new SqlParams()
      .filter(search && containsPattern(search), (value) => `t."name" ILIKE ${value}`)
      .filter(choiceFilter(query, ['classificationMode'], Object.keys(CRM_CLASSIFICATION_MODES)), (value) => `t."classification_mode" = ${value}`)
      .filter(booleanFilter(query, 'isVessel'), (value) => `(t."classification_mode" IN ('vessel', 'barge')) = ${value}::boolean`);
    return this.store.list(
      TRANSPORTATION_MODES,
      filters,
      parsePagination(query),
      parseSort(query, TRANSPORTATION_MODES.sortable, TRANSPORTATION_MODES.defaultSort),
    );
  }

  get(id: string): Promise<TransportationModeView> {
    return this.store.get(TRANSPORTATION_MODES, id);
  }

  async create(body: unknown, actor: Actor): Promise<TransportationModeView> {
    return this.store.create(TRANSPORTATION_MODES, await columns(body), actor);
  }

  /**
   * The document writes the vessel update as `PUT /v1/transportationModes/{id}`: an id that is
   * a vessel's, not a mode's, updates that vessel, for a caller who may also update vessels.
   */
  async update(id: string, body: unknown, actor: Actor): Promise<TransportationModeView | VesselView> {
    if (!(await this.store.find(TRANSPORTATION_MODES, id)) && (await this.store.find(VESSELS, id))) {
      await this.permissions.require(actor, 'vessel:update');
      return this.vessels.update(id, body, actor);
    }
    return this.store.update(TRANSPORTATION_MODES, id, await columns(body), actor);
  }

  remove(id: string, actor: Actor) {
    return this.store.remove(TRANSPORTATION_MODES, id, actor);
  }
}

async function columns(raw: unknown): Promise<Row> {
  const body = await validateBody(TransportationModeBody, withAliases(raw, { volumeMin: ['volume Min', 'volume_min'], volumeMax: ['volume_max'] }));
  const volumeMax = body.volumeMax ?? null;
  const volumeMin = body.volumeMin ?? null;
  if (volumeMax !== null && volumeMin !== null && volumeMin > volumeMax) {
    throw invalidField('volumeMin', 'volumeMin tidak boleh lebih besar dari volumeMax', 'ltefield', volumeMin);
  }
  return { name: body.name.trim(), classification_mode: body.classificationMode, volume_max: volumeMax, volume_min: volumeMin };
}
