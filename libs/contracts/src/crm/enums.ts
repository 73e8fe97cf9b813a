/** Enumerations of spec/crm-batubara-niaga-api.md, value -> label as the document lists them. */

/** "Enum Group" of partners (and users); partners never use `internal`. */
export const CRM_COMPANY_GROUPS = {
  internal: 'internal',
  supplier: 'Sumber Tambang',
  trader: 'Trader',
  transporter: 'Transporter',
  cbf: 'Partner CBF',
  isp: 'Partner ISP',
} as const;
export type CrmCompanyGroup = keyof typeof CRM_COMPANY_GROUPS;
export const CRM_PARTNER_GROUPS = ['supplier', 'trader', 'transporter', 'cbf', 'isp'] as const;
/** Partner groups whose businessLicense is mandatory. */
export const CRM_LICENSED_PARTNER_GROUPS = ['supplier', 'trader'] as const;

export const CRM_AREAS = { area1: 'Wilayah 1', area2: 'Wilayah 2', area3: 'Wilayah 3', area4: 'Wilayah 4' } as const;
export type CrmArea = keyof typeof CRM_AREAS;

/** "Enum Function of Location" (field `type`). */
export const CRM_LOCATION_TYPES = {
  loadingPoint: 'Lokasi Jetty Muat',
  anchorage: 'Lokasi Anchorage',
  unloadingPoint: 'Lokasi Bongkar',
  cbfPoint: 'Lokasi Blending',
  ispPoint: 'Lokasi Stockpile',
} as const;
export type CrmLocationType = keyof typeof CRM_LOCATION_TYPES;
/** Location types whose area is disabled (always empty). */
export const CRM_AREALESS_LOCATION_TYPES = ['unloadingPoint', 'ispPoint'] as const;

/** Time zones a location gets from its position: WIB, WITA, WIT. */
export const CRM_TIMEZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export type CrmTimezone = (typeof CRM_TIMEZONES)[number];

export const CRM_POWER_PLANT_GROUPS = { plnGroup: 'PLN Group', ipp: 'IPP', nonElectrical: 'Non-Ketenagalistrikan' } as const;
export type CrmPowerPlantGroup = keyof typeof CRM_POWER_PLANT_GROUPS;

export const CRM_CLASSIFICATION_MODES = { vessel: 'Vessel', barge: 'Barge', truck: 'Trucking' } as const;
export type CrmClassificationMode = keyof typeof CRM_CLASSIFICATION_MODES;

export const CRM_VESSEL_TYPES = { vessel: 'Vessel', barge: 'Barge', tugboat: 'Tug Boat' } as const;
export type CrmVesselType = keyof typeof CRM_VESSEL_TYPES;

export const CRM_EXCHANGE_REFERENCES = { jisdor: 'Exchange Rate untuk JISDOR', biRate: 'Exchange Rate untuk BI Rate' } as const;
export type CrmExchangeReference = keyof typeof CRM_EXCHANGE_REFERENCES;

/** Fuel price periods: 1 = days 1-14, 2 = day 15 to the end of the month. */
export const CRM_FUEL_PRICE_PERIODS = [1, 2] as const;
export const CRM_FUEL_TYPES = ['hsd', 'lsfo', 'hsfo'] as const;
export type CrmFuelType = (typeof CRM_FUEL_TYPES)[number];

/** The realm's resources guarding master and reference data (`<resource>:<privilege>`). */
export const CRM_RESOURCES = {
  customer: 'customer',
  partner: 'partner',
  location: 'location',
  powerPlant: 'power-plant',
  transportationMode: 'transportation-mode',
  vessel: 'vessel',
  exchangeRate: 'exchange-rate',
  fuelPrice: 'fuel-price',
} as const;
