import { RETRIBUSI_CATEGORIES, type RetribusiCategory } from '@gerbang/contracts';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { apply, codeRule, required, whenPresent } from '../../common/dto-rules.js';

/** The price column is a PostgreSQL integer. */
export const MAX_PRICE = 2_147_483_647;

const categoryRule = () => IsIn(RETRIBUSI_CATEGORIES, { message: `Must be one of: ${RETRIBUSI_CATEGORIES.join(', ')}` });
const priceRule = () => [IsInt({ message: 'Must be an integer' }), Min(0, { message: 'Must be >= 0' }), Max(MAX_PRICE, { message: `Must be <= ${MAX_PRICE}` })];

export class CreateTariffDto {
  @apply(required(), codeRule())
  location_code!: string;

  @apply(required(), codeRule())
  gate_code!: string;

  @apply(required(), categoryRule())
  category!: RetribusiCategory;

  @apply(required(), priceRule())
  price!: number;
}

/** PUT body: the price; the key fields may be repeated but never changed. */
export class UpdateTariffDto {
  @apply(whenPresent(), codeRule())
  location_code?: string;

  @apply(whenPresent(), codeRule())
  gate_code?: string;

  @apply(whenPresent(), categoryRule())
  category?: RetribusiCategory;

  @apply(required(), priceRule())
  price!: number;
}
