import { CRM_AREALESS_LOCATION_TYPES, CRM_AREAS, CRM_LOCATION_TYPES } from '@gerbang/contracts';
import { OneOf, Required, RequiredWhen, Text } from '../../common/rules.js';
import { PositionBody } from '../../geo/position.dto.js';

export const isArealessType = (type: unknown): boolean => (CRM_AREALESS_LOCATION_TYPES as readonly unknown[]).includes(type);

/** POST and PUT /v1/locations (`functionLocation` accepted for `type`). */
export class LocationBody extends PositionBody {
  @Required()
  @Text(200)
  name!: string;

  @Required()
  @OneOf(Object.keys(CRM_LOCATION_TYPES))
  type!: string;

  /** Disabled for unloadingPoint and ispPoint: not required there, and never stored. */
  @OneOf(Object.keys(CRM_AREAS))
  @RequiredWhen((body) => !isArealessType((body as LocationBody).type), (name) => `${name} wajib diisi kecuali untuk tipe unloadingPoint dan ispPoint`)
  area?: string | null;
}
