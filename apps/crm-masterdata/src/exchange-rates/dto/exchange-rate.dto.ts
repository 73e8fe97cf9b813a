import { CRM_EXCHANGE_REFERENCES } from '@gerbang/contracts';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { ArrayOf, IntegerBetween, Matches, NumberAtLeast, OneOf, Required } from '../../common/rules.js';

export class DailyRateBody {
  @Required()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, (name) => `${name} harus berformat YYYY-MM-DD`)
  date!: string;

  /** `midRate` (BI rate) and `rate` (JISDOR) are accepted too. */
  @Required()
  @NumberAtLeast(0)
  exchangeRate!: number;
}

/** POST and PUT /v1/exchangeRateReferences. */
export class ExchangeRateBody {
  @Required()
  @IntegerBetween(1, 12)
  monthPeriod!: number;

  @Required()
  @IntegerBetween(2000, 2100)
  yearPeriod!: number;

  @Required()
  @OneOf(Object.keys(CRM_EXCHANGE_REFERENCES))
  exchangeReference!: string;

  @Required()
  @ArrayOf(1, 31, (name) => `${name} harus berisi 1 sampai 31 kurs harian`)
  @ValidateNested({ each: true, message: 'setiap dailyRates harus berupa objek {date, exchangeRate}' })
  @Type(() => DailyRateBody)
  dailyRates!: DailyRateBody[];
}
