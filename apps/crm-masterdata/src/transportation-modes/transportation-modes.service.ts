import { Injectable } from '@nestjs/common';
import { CRM_CLASSIFICATION_MODES } from '@gerbang/contracts';
import { validateBody, withAliases } from '../common/body.js';
import type { Actor } from '../common/caller.js';
import { invalidField } from '../common/errors.js';
import { booleanFilter, choiceFilter, searchText, type Query } from '../common/list-query.js';
import { AuthRbacClient } from '../common/auth-rbac-client.js';
import { RecordService, type PreparedWrite } from '../common/record-service.js';
import { RecordStore, type RecordSpec, type Row } from '../common/record-store.js';
import { SqlParams } from '../common/sql.js';
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
/** Modes answer as themselves; the vessel update the document writes at this path answers the vessel. */
export class TransportationModesService extends RecordService<TransportationModeView | VesselView> {
  protected readonly spec = TRANSPORTATION_MODES;

  constructor(
    store: RecordStore,
    private readonly vessels: VesselsService,
    private readonly permissions: AuthRbacClient,
  ) {
    super(store);
  }

  /** `isVessel=true` keeps vessels and barges (what travels by water), `false` trucks. */
  protected filters(query: Query): SqlParams {
    return new SqlParams()
      .search(searchText(query), 't."name"')
      .filter(choiceFilter(query, ['classificationMode'], Object.keys(CRM_CLASSIFICATION_MODES)), (value) => `t."classification_mode" = ${value}`)
      .filter(booleanFilter(query, 'isVessel'), (value) => `(t."classification_mode" IN ('vessel', 'barge')) = ${value}::boolean`);
  }

  /**
   * The document writes the vessel update as `PUT /v1/transportationModes/{id}`: an id that is
   * a vessel's, not a mode's, updates that vessel, for a caller who may also update vessels.
   */
  override async update(id: string, body: unknown, actor: Actor): Promise<TransportationModeView | VesselView> {
    if (!(await this.store.find(TRANSPORTATION_MODES, id)) && (await this.store.find(VESSELS, id))) {
      await this.permissions.require(actor, 'vessel:update');
      return this.vessels.update(id, body, actor);
    }
    return super.update(id, body, actor);
  }

  protected async prepare(raw: unknown): Promise<PreparedWrite> {
    const body = await validateBody(TransportationModeBody, withAliases(raw, { volumeMin: ['volume Min', 'volume_min'], volumeMax: ['volume_max'] }));
    const volumeMax = body.volumeMax ?? null;
    const volumeMin = body.volumeMin ?? null;
    if (volumeMax !== null && volumeMin !== null && volumeMin > volumeMax) {
      throw invalidField('volumeMin', 'volumeMin tidak boleh lebih besar dari volumeMax', 'ltefield', volumeMin);
    }
    return { values: { name: body.name.trim(), classification_mode: body.classificationMode, volume_max: volumeMax, volume_min: volumeMin } };
  }
}
