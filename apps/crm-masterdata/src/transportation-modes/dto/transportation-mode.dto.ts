import { CRM_CLASSIFICATION_MODES } from '@gerbang/contracts';
import { NumberAtLeast, OneOf, Required, Text } from '../../common/rules.js';

/** POST and PUT /v1/transportationModes; volumes in metric tons (`volume Min` accepted for volumeMin). */
export class TransportationModeBody {
  @Required()
  @Text(200)
  name!: string;

  @Required()
  @OneOf(Object.keys(CRM_CLASSIFICATION_MODES))
  classificationMode!: string;

  @NumberAtLeast(0)
  volumeMax?: number | null;

  @NumberAtLeast(0)
  volumeMin?: number | null;
}
