import { Digits, Email, Required, Text } from '../../common/rules.js';

/** POST and PUT /v1/customers: companyMail and companyNpwp are optional, the rest mandatory. */
export class CustomerBody {
  @Required()
  @Text(200)
  companyName!: string;

  @Required()
  @Text(50)
  companyPhone!: string;

  @Text(254)
  @Email()
  companyMail?: string | null;

  @Required()
  @Text(500)
  companyAddress!: string;

  @Text(64)
  @Digits(16, 'NPWP (companyNpwp)')
  companyNpwp?: string | null;

  @Required()
  @Text(50)
  initial!: string;
}
