import { activeFlagRule, apply, codeRule, required, textRule, whenPresent } from '../../common/dto-rules.js';

export class CreateLocationDto {
  @apply(required(), codeRule())
  code!: string;

  @apply(required(), textRule(200))
  name!: string;

  @apply(required(), textRule(50))
  type!: string;

  @apply(whenPresent(), activeFlagRule())
  is_active?: number | boolean;
}

/** PUT body: any of name, type, is_active; `code` may be repeated but never changed. */
export class UpdateLocationDto {
  @apply(whenPresent(), codeRule())
  code?: string;

  @apply(whenPresent(), textRule(200))
  name?: string;

  @apply(whenPresent(), textRule(50))
  type?: string;

  @apply(whenPresent(), activeFlagRule())
  is_active?: number | boolean;
}
