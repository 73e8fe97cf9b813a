import { CRM_LICENSED_PARTNER_GROUPS, CRM_PARTNER_GROUPS } from '@gerbang/contracts';
import { Digits, Email, Matches, OneOf, Required, RequiredWhen, Text } from '../../common/rules.js';

const needsLicense = (body: object) => (CRM_LICENSED_PARTNER_GROUPS as readonly unknown[]).includes((body as PartnerBody).group);

/** POST and PUT /v1/partners. */
export class PartnerBody {
  /** The document's enum group without `internal` (`companyGroup` accepted too). */
  @Required()
  @OneOf(CRM_PARTNER_GROUPS)
  group!: string;

  @Required()
  @Text(200)
  companyName!: string;

  @Text(50)
  companyPhone?: string | null;

  @Text(254)
  @Email()
  companyMail?: string | null;

  @Text(64)
  @Digits(16, 'NPWP (companyNpwp)')
  companyNpwp?: string | null;

  @Text(100)
  @RequiredWhen(needsLicense, (name) => `${name} wajib diisi untuk grup supplier (Sumber Tambang) dan trader`)
  businessLicense?: string | null;

  /** At most 8 characters; the only symbol allowed is `-` (PLN-BAG). */
  @Required()
  @Text(8)
  @Matches(/^[A-Za-z0-9-]+$/, (name) => `${name} hanya boleh berisi huruf, angka dan tanda -`)
  initial!: string;
}
