import { CRM_FUEL_PRICE_PERIODS, CRM_FUEL_TYPES } from '@gerbang/contracts';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { ArrayOf, IntegerBetween, NumberAtLeast, OneOf, Required } from '../../common/rules.js';

/** One fuel type's price in each of the four areas. */
export class FuelPriceItemBody {
  @Required()
  @OneOf(CRM_FUEL_TYPES)
  fuelType!: string;

  @Required()
  @NumberAtLeast(0)
  area1!: number;

  @Required()
  @NumberAtLeast(0)
  area2!: number;

  @Required()
  @NumberAtLeast(0)
  area3!: number;

  @Required()
  @NumberAtLeast(0)
  area4!: number;
}

/** POST and PUT /v1/fuelPriceReferences. */
export class FuelPriceBody {
  @Required()
  @OneOf(CRM_FUEL_PRICE_PERIODS)
  period!: number;

  @Required()
  @IntegerBetween(1, 12)
  month!: number;

  @Required()
  @IntegerBetween(2000, 2100)
  year!: number;

  @Required()
  @ArrayOf(CRM_FUEL_TYPES.length, CRM_FUEL_TYPES.length, (name) => `${name} harus berisi tepat 3 harga BBM: ${CRM_FUEL_TYPES.join(', ')}`)
  @ValidateNested({ each: true, message: 'setiap fuelPrice harus berupa objek {fuelType, area1, area2, area3, area4}' })
  @Type(() => FuelPriceItemBody)
  fuelPrice!: FuelPriceItemBody[];
}
