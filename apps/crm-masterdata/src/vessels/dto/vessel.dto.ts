import { CRM_VESSEL_TYPES } from '@gerbang/contracts';
import { Digits, IntegerBetween, NumberAtLeast, OneOf, Required, Text } from '../../common/rules.js';

/** POST and PUT /v1/vessels. */
export class VesselBody {
  @Required()
  @Text(200)
  name!: string;

  @Text(50)
  initial?: string | null;

  @Text(200)
  portOfRegister?: string | null;

  /** IMO number: 7 digits, as a number (a string of digits is accepted). */
  @Digits(7, 'imoId')
  imoId?: number | string | null;

  /** MMSI: 9 digits, as a number (a string of digits is accepted). */
  @Digits(9, 'mmsiNo')
  mmsiNo?: number | string | null;

  @Required()
  @OneOf(Object.keys(CRM_VESSEL_TYPES))
  vesselType!: string;

  /** Knots. */
  @NumberAtLeast(0)
  speed?: number | null;

  /** Tons. */
  @NumberAtLeast(0)
  capacity?: number | null;

  @IntegerBetween(1900, 2100)
  productionYear?: number | null;

  @Text(200)
  pic?: string | null;

  @Text(50)
  picContact?: string | null;
}
