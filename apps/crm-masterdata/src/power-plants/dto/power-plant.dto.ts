import { CRM_AREAS, CRM_POWER_PLANT_GROUPS } from '@gerbang/contracts';
import { OneOf, Required, Text, Uuid } from '../../common/rules.js';
import { PositionBody } from '../../geo/position.dto.js';

/** POST and PUT /v1/powerplants, after the document's other spellings are mapped (see PowerPlantsService). */
export class PowerPlantBody extends PositionBody {
  @Required()
  @Text(200)
  name!: string;

  /** A customer's id. */
  @Required()
  @Uuid()
  ownerId!: string;

  @Required()
  @OneOf(Object.keys(CRM_POWER_PLANT_GROUPS))
  ownerGroup!: string;

  @OneOf(Object.keys(CRM_AREAS))
  area?: string | null;

  /** A location of type unloadingPoint. */
  @Required()
  @Uuid()
  unloadingLocationId!: string;
}
