import { IsIn } from 'class-validator';
import { activeFlagRule, apply, codeRule, required, textRule, whenPresent } from '../../common/dto-rules.js';
import { IsCameraSource } from '../camera-source.js';

const directionRule = () => IsIn(['in', 'out'], { message: 'Must be one of: in, out' });

export class CreateGateDto {
  @apply(required(), codeRule())
  location_code!: string;

  @apply(required(), codeRule())
  gate_code!: string;

  @apply(required(), textRule(200))
  name!: string;

  @apply(required(), directionRule())
  direction!: 'in' | 'out';

  /** Optional; null or "" leaves the gate without a camera. */
  @apply(whenPresent(), IsCameraSource())
  camera?: string | null;

  @apply(whenPresent(), activeFlagRule())
  is_active?: number | boolean;
}

/** PUT body: any of name, direction, camera, is_active; the codes may be repeated but never changed. */
export class UpdateGateDto {
  @apply(whenPresent(), codeRule())
  location_code?: string;

  @apply(whenPresent(), codeRule())
  gate_code?: string;

  @apply(whenPresent(), textRule(200))
  name?: string;

  @apply(whenPresent(), directionRule())
  direction?: 'in' | 'out';

  @apply(whenPresent(), IsCameraSource())
  camera?: string | null;

  @apply(whenPresent(), activeFlagRule())
  is_active?: number | boolean;
}
