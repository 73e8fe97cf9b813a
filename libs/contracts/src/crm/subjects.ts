/**
 * crm-masterdata subjects, `crm.<resource>.<action>.v1`, all request-reply (the gateway's
 * ServiceRequest in, a ServiceReply out). A published subject is never renamed without a
 * migration plan: old and new names are served side by side until every caller has moved.
 */
export const CRM_SUBJECTS = {
  customersList: 'crm.customers.list.v1',
  customersGet: 'crm.customers.get.v1',
  customersCreate: 'crm.customers.create.v1',
  customersUpdate: 'crm.customers.update.v1',
  customersDelete: 'crm.customers.delete.v1',

  partnersList: 'crm.partners.list.v1',
  partnersGet: 'crm.partners.get.v1',
  partnersCreate: 'crm.partners.create.v1',
  partnersUpdate: 'crm.partners.update.v1',
  partnersDelete: 'crm.partners.delete.v1',

  locationsList: 'crm.locations.list.v1',
  locationsGet: 'crm.locations.get.v1',
  locationsCreate: 'crm.locations.create.v1',
  locationsUpdate: 'crm.locations.update.v1',
  locationsDelete: 'crm.locations.delete.v1',

  powerPlantsList: 'crm.power-plants.list.v1',
  powerPlantsGet: 'crm.power-plants.get.v1',
  powerPlantsCreate: 'crm.power-plants.create.v1',
  powerPlantsUpdate: 'crm.power-plants.update.v1',
  powerPlantsDelete: 'crm.power-plants.delete.v1',

  transportationModesList: 'crm.transportation-modes.list.v1',
  transportationModesGet: 'crm.transportation-modes.get.v1',
  transportationModesCreate: 'crm.transportation-modes.create.v1',
  transportationModesUpdate: 'crm.transportation-modes.update.v1',
  transportationModesDelete: 'crm.transportation-modes.delete.v1',

  vesselsList: 'crm.vessels.list.v1',
  vesselsGet: 'crm.vessels.get.v1',
  vesselsCreate: 'crm.vessels.create.v1',
  vesselsUpdate: 'crm.vessels.update.v1',
  vesselsDelete: 'crm.vessels.delete.v1',

  exchangeRatesList: 'crm.exchange-rates.list.v1',
  exchangeRatesGet: 'crm.exchange-rates.get.v1',
  exchangeRatesCreate: 'crm.exchange-rates.create.v1',
  exchangeRatesUpdate: 'crm.exchange-rates.update.v1',

  fuelPricesList: 'crm.fuel-prices.list.v1',
  fuelPricesGet: 'crm.fuel-prices.get.v1',
  fuelPricesCreate: 'crm.fuel-prices.create.v1',
  fuelPricesUpdate: 'crm.fuel-prices.update.v1',
} as const;

export type CrmSubject = (typeof CRM_SUBJECTS)[keyof typeof CRM_SUBJECTS];

/** A resource by the prefix of its CRM_SUBJECTS keys (`customers`, `powerPlants`). */
export type CrmResourceName = (keyof typeof CRM_SUBJECTS extends infer K ? (K extends `${infer Name}List` ? Name : never) : never) & string;

export interface CrmCrudSubjects {
  list: string;
  get: string;
  create: string;
  update: string;
  /** Absent where the catalog grants no delete (reference data). */
  delete?: string;
}

/** The list, get, create, update and (where there is one) delete subjects of a resource. */
export function crmCrudSubjects(resource: CrmResourceName): CrmCrudSubjects {
  const subjects: Partial<Record<string, string>> = CRM_SUBJECTS;
  const required = (action: string): string => {
    const subject = subjects[`${resource}${action}`];
    if (!subject) throw new Error(`CRM_SUBJECTS has no ${resource}${action}`);
    return subject;
  };
  const remove = subjects[`${resource}Delete`];
  return { list: required('List'), get: required('Get'), create: required('Create'), update: required('Update'), ...(remove ? { delete: remove } : {}) };
}
