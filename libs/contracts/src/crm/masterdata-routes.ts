import type { HttpMethod, RouteDefinition, RouteParameterDoc } from '../common/routes.js';
import {
  CRM_AREAS,
  CRM_CLASSIFICATION_MODES,
  CRM_EXCHANGE_REFERENCES,
  CRM_FUEL_TYPES,
  CRM_LOCATION_TYPES,
  CRM_PARTNER_GROUPS,
  CRM_POWER_PLANT_GROUPS,
  CRM_RESOURCES,
  CRM_VESSEL_TYPES,
} from './enums.js';
import { crmCrudSubjects, type CrmCrudSubjects } from './subjects.js';

/** Largest `limit` (or `size`) a list serves; larger values are refused. */
export const CRM_MAX_PAGE_LIMIT = 100;
export const CRM_DEFAULT_PAGE_LIMIT = 10;

const listParameters: RouteParameterDoc[] = [
  {
    name: 'page',
    description: "Page number, **0-based** (the first page is 0, as the document's metadata shows).",
    schema: { type: 'integer', minimum: 0 },
    example: 0,
  },
  {
    name: 'limit',
    description: `Rows per page (default ${CRM_DEFAULT_PAGE_LIMIT}, at most ${CRM_MAX_PAGE_LIMIT}).`,
    schema: { type: 'integer', minimum: 1 },
    example: 10,
  },
  { name: 'size', description: 'Same as `limit` (the document lists both); `limit` wins when both are sent.', schema: { type: 'integer', minimum: 1 } },
  {
    name: 'sort',
    description:
      '`{field}+{ASC|DESC}` (`+`, a space, `,` or `:` separates), e.g. `createdAt+desc` or `created_at desc`. Only the fields this list names are accepted; anything else is a 400. `sort-by` with `sort-direction` (or `sort-dir`) is accepted too.',
    example: 'createdAt+desc',
  },
];
const search = (what: string): RouteParameterDoc => ({ name: 'search', description: `Case-insensitive substring of ${what}.` });
const enumParameter = (name: string, values: readonly string[], description: string): RouteParameterDoc => ({
  name,
  description,
  schema: { type: 'string', enum: [...values] },
});
const sortable = (fields: string[]) => `**Sortable fields:** ${fields.map((field) => `\`${field}\``).join(', ')} (snake_case spellings accepted).`;

const masterTag = ['Master Data'];
const referenceTag = ['Referensi Data'];
const idParameter = { id: { description: 'Resource id (UUID)', example: '0b6f2d9e-9a51-4c55-8a3c-1f0d2b7c9e11' } };

interface ResourceRoutes {
  /** Resource name in the realm's catalog (`customer`), for `permission`. */
  resource: string;
  /** The document's path, e.g. `/v1/customers`. */
  path: string;
  /** Other spellings of the collection path the document uses (e.g. with a trailing slash). */
  listAliases?: string[];
  /** Other spellings of the item path the document uses for GET. */
  getAliases?: string[];
  subjects: CrmCrudSubjects;
  label: string;
  schema: Record<string, unknown>;
  example: Record<string, unknown>;
  query: RouteParameterDoc[];
  description?: string;
  /** Longer explanation of the PUT operation. */
  updateDescription?: string;
  /** The path parameter's name and description (default `id`, a UUID). */
  key?: { name: string; doc: Omit<RouteParameterDoc, 'name' | 'required'> };
}

const metadata = { total_data: 1, total_page: 1, page: 0, limit: 10 };

function resourceRoutes(spec: ResourceRoutes): RouteDefinition[] {
  const key = spec.key ?? { name: 'id', doc: idParameter.id };
  const item = `${spec.path}/:${key.name}`;
  const pathParameters = { [key.name]: key.doc };
  const tags = spec.resource === CRM_RESOURCES.exchangeRate || spec.resource === CRM_RESOURCES.fuelPrice ? referenceTag : masterTag;
  const route = (
    method: HttpMethod,
    path: string,
    subject: string,
    privilege: string,
    summary: string,
    extra: Partial<RouteDefinition> = {},
  ): RouteDefinition => ({
    product: 'crm',
    method,
    path,
    subject,
    access: { kind: 'user', permission: `${spec.resource}:${privilege}` },
    summary,
    tags,
    ...extra,
  });
  const list = (path: string, alias: boolean) =>
    route('GET', path, spec.subjects.list, 'read', `${alias ? `(Ejaan lain dari ${spec.path}) ` : ''}Daftar ${spec.label}`, {
      queryParameters: [...listParameters, ...spec.query],
      description: spec.description,
      responseExample: { data: [spec.example], metadata },
    });
  const get = (path: string, alias: boolean) =>
    route('GET', path, spec.subjects.get, 'read', `${alias ? `(Ejaan lain dari ${item}) ` : ''}Detail ${spec.label}`, {
      pathParameters,
      responseExample: spec.example,
    });
  const routes = [
    list(spec.path, false),
    ...(spec.listAliases ?? []).map((alias) => list(alias, true)),
    get(item, false),
    ...(spec.getAliases ?? []).map((alias) => get(alias, true)),
    route('POST', spec.path, spec.subjects.create, 'create', `Tambah ${spec.label}`, {
      successStatus: 201,
      requestSchema: spec.schema,
      responseExample: spec.example,
    }),
    route('PUT', item, spec.subjects.update, 'update', `Ubah ${spec.label}`, {
      pathParameters,
      requestSchema: spec.schema,
      responseExample: spec.example,
      description: spec.updateDescription,
    }),
  ];
  if (spec.subjects.delete) {
    routes.push(
      route('DELETE', item, spec.subjects.delete, 'delete', `Hapus ${spec.label} (ditolak selama masih digunakan data lain)`, {
        pathParameters,
        responseExample: { id: spec.example.id, deleted: true },
      }),
    );
  }
  return routes;
}

const text = (example: string, extra: Record<string, unknown> = {}) => ({ type: 'string', example, ...extra });
const optionalText = (example: string, extra: Record<string, unknown> = {}) => ({ type: 'string', nullable: true, example, ...extra });
const number = (example: number, extra: Record<string, unknown> = {}) => ({ type: 'number', example, ...extra });
const oneOf = (values: readonly string[], example: string) => ({ type: 'string', enum: [...values], example });
const latitude = number(-7.7, { minimum: -11.1, maximum: 6.2, description: "Inside Indonesia's area" });
const longitude = number(109.0, { minimum: 94.7, maximum: 141.1, description: "Inside Indonesia's area" });
const npwp = optionalText('0123456789012345', { pattern: '^[0-9]{16}$', description: 'NPWP, 16 digits (optional)' });
const stamps = { createdAt: '2025-05-07T09:00:39.491Z', updatedAt: '2025-05-07T09:00:39.491Z' };
const uuid = '0b6f2d9e-9a51-4c55-8a3c-1f0d2b7c9e11';

const customer = {
  id: uuid,
  companyName: 'PT PLN Energi Primer Indonesia',
  companyPhone: '0215701234',
  companyMail: '',
  companyAddress: 'Jl. Jend. Gatot Subroto Kav. 18, Jakarta',
  companyNpwp: '',
  initial: 'PLN EPI',
  ...stamps,
};
const partner = {
  id: uuid,
  group: 'supplier',
  companyName: 'PT Pelayaran Bahtera Adhiguna',
  companyPhone: '0214301234',
  companyMail: 'info@bahtera.co.id',
  companyNpwp: '0123456789012345',
  businessLicense: '123/asd12eas/123',
  initial: 'PLN-BAG',
  ...stamps,
};
const location = {
  id: uuid,
  name: 'Jetty Tanjung Bara',
  area: 'area1',
  type: 'loadingPoint',
  longitude: 117.6,
  latitude: 0.55,
  timezone: 'Asia/Makassar',
  ...stamps,
};
const unloadingLocation = { id: uuid, name: 'Dermaga PLTU Adipala', type: 'unloadingPoint', longitude: 109.14, latitude: -7.69, timezone: 'Asia/Jakarta' };
const powerPlant = {
  id: uuid,
  name: 'PLTU 2 Jawa Tengah Adipala',
  owner: { id: uuid, companyName: 'PT PLN Indonesia Power' },
  ownerGroup: 'plnGroup',
  area: null,
  latitude: -7.69,
  longitude: 109.14,
  unloadingLocation,
  ...stamps,
};
const transportationMode = { id: uuid, name: 'vessel 33k', classificationMode: 'vessel', volumeMax: 10000, volumeMin: 1000, 'volume Min': 1000, ...stamps };
const vessel = {
  id: uuid,
  name: 'TB Queen 05/BG Bulesko V',
  initial: 'QBV',
  portOfRegister: 'Senyiur',
  imoId: 1231521,
  mmsiNo: 525123456,
  vesselType: 'tugboat',
  speed: 12,
  capacity: 1000,
  productionYear: 2008,
  pic: 'Budi',
  picContact: '082334568923',
  ...stamps,
};
const exchangeRate = {
  id: uuid,
  key: '2025-01-jisdor',
  monthPeriod: 1,
  yearPeriod: 2025,
  exchangeReference: 'jisdor',
  periodAverage: 16240.5,
  periodAverageRate: 16240.5,
  dailyRates: [
    { id: uuid, date: '2025-01-02', exchangeRate: 16235 },
    { id: uuid, date: '2025-01-03', exchangeRate: 16246 },
  ],
  ...stamps,
};
const fuelPrice = {
  id: uuid,
  period: 1,
  month: 2,
  year: 2025,
  fuelPrice: CRM_FUEL_TYPES.map((fuelType) => ({ id: uuid, fuelType, area1: 0, area2: 0, area3: 0, area4: 0 })),
  ...stamps,
};

const masterDataRoutes: RouteDefinition[] = [
  ...resourceRoutes({
    resource: CRM_RESOURCES.customer,
    path: '/v1/customers',
    subjects: crmCrudSubjects('customers'),
    label: 'Pelanggan / Customers',
    example: customer,
    query: [search('companyName')],
    description: sortable(['companyName', 'initial', 'createdAt', 'updatedAt']),
    schema: {
      type: 'object',
      required: ['companyName', 'initial'],
      properties: {
        companyName: text(customer.companyName, { maxLength: 200, description: 'Unique' }),
        companyPhone: optionalText('0215701234', { maxLength: 50 }),
        companyMail: optionalText('', { maxLength: 254, description: 'E-mail (optional)' }),
        companyAddress: optionalText(customer.companyAddress, { maxLength: 500 }),
        companyNpwp: npwp,
        initial: text('PLN EPI', { maxLength: 50, description: 'Unique' }),
      },
    },
  }),
  ...resourceRoutes({
    resource: CRM_RESOURCES.partner,
    path: '/v1/partners',
    subjects: crmCrudSubjects('partners'),
    label: 'Mitra / Partners',
    example: partner,
    query: [search('companyName'), enumParameter('group', CRM_PARTNER_GROUPS, 'Partner group (`companyGroup` accepted too).')],
    description: sortable(['companyName', 'initial', 'group', 'createdAt', 'updatedAt']),
    schema: {
      type: 'object',
      required: ['group', 'companyName', 'initial'],
      properties: {
        group: oneOf(CRM_PARTNER_GROUPS, 'supplier'),
        companyName: text(partner.companyName, { maxLength: 200, description: 'Unique' }),
        companyPhone: optionalText('0214301234', { maxLength: 50 }),
        companyMail: optionalText(partner.companyMail, { maxLength: 254 }),
        companyNpwp: npwp,
        businessLicense: optionalText(partner.businessLicense, { maxLength: 100, description: 'Mandatory for supplier and trader' }),
        initial: text('PLN-BAG', { pattern: '^[A-Za-z0-9-]{1,8}$', description: 'At most 8 characters; letters, digits and `-` only' }),
      },
    },
  }),
  ...resourceRoutes({
    resource: CRM_RESOURCES.location,
    path: '/v1/locations',
    listAliases: ['/v1/locations/'],
    subjects: crmCrudSubjects('locations'),
    label: 'Lokasi / Locations',
    example: location,
    query: [
      search('name'),
      enumParameter('type', Object.keys(CRM_LOCATION_TYPES), 'Function of location (`functionLocation` accepted too).'),
      enumParameter('area', Object.keys(CRM_AREAS), 'Area.'),
    ],
    description: `The time zone (WIB \`Asia/Jakarta\`, WITA \`Asia/Makassar\`, WIT \`Asia/Jayapura\`) is derived from the position. The area is disabled (always null) for \`unloadingPoint\` and \`ispPoint\`. ${sortable(['name', 'type', 'area', 'timezone', 'createdAt', 'updatedAt'])}`,
    schema: {
      type: 'object',
      required: ['name', 'type', 'latitude', 'longitude'],
      properties: {
        name: text(location.name, { maxLength: 200, description: 'Unique' }),
        area: {
          ...oneOf(Object.keys(CRM_AREAS), 'area1'),
          nullable: true,
          description: 'Required unless type is unloadingPoint or ispPoint, where it is ignored',
        },
        type: { ...oneOf(Object.keys(CRM_LOCATION_TYPES), 'loadingPoint'), description: '`functionLocation` accepted too' },
        latitude,
        longitude,
      },
    },
  }),
  ...resourceRoutes({
    resource: CRM_RESOURCES.powerPlant,
    path: '/v1/powerplants',
    listAliases: ['/v1/powerplants/'],
    subjects: crmCrudSubjects('powerPlants'),
    label: 'Pembangkit / Power Plants',
    example: powerPlant,
    query: [
      search('name'),
      { name: 'powerPlantOwnerId', description: 'Owner (customer) id (`ownerId` accepted too).' },
      enumParameter('powerPlantGroup', Object.keys(CRM_POWER_PLANT_GROUPS), 'Power plant group (`ownerGroup` accepted too).'),
    ],
    description: `The owner is a customer; the unloading location a location of type \`unloadingPoint\`. ${sortable(['name', 'ownerGroup', 'createdAt', 'updatedAt'])}`,
    schema: {
      type: 'object',
      required: ['name', 'ownerId', 'ownerGroup', 'latitude', 'longitude', 'unloadingLocationId'],
      properties: {
        name: text(powerPlant.name, { maxLength: 200, description: 'Unique' }),
        ownerId: text(uuid, { description: 'Customer id (`owner`, `customerId`, `powerPlantOwnerId` accepted too)' }),
        ownerGroup: { ...oneOf(Object.keys(CRM_POWER_PLANT_GROUPS), 'plnGroup'), description: '`customerGroup`, `powerPlantGroup` accepted too' },
        area: { ...oneOf(Object.keys(CRM_AREAS), 'area1'), nullable: true },
        latitude,
        longitude,
        unloadingLocationId: text(uuid, { description: 'Location of type unloadingPoint' }),
      },
    },
  }),
  ...resourceRoutes({
    resource: CRM_RESOURCES.transportationMode,
    path: '/v1/transportationModes',
    listAliases: ['/v1/transportationModes/'],
    getAliases: ['/v1/transportationmodes/:id'],
    subjects: crmCrudSubjects('transportationModes'),
    label: 'Moda Transportasi / Transportation Modes',
    example: transportationMode,
    updateDescription:
      "The document also writes the vessel update at this path: when `{id}` is a vessel's, the body is a vessel's and that vessel is updated (the caller also needs `vessel:update`).",
    query: [
      search('name'),
      enumParameter('classificationMode', Object.keys(CRM_CLASSIFICATION_MODES), 'Classification mode.'),
      { name: 'isVessel', description: '`true`: vessel and barge; `false`: truck.', schema: { type: 'boolean' } },
    ],
    description: `Volumes in metric tons; \`volume Min\` (the document's spelling) is accepted and answered beside \`volumeMin\`. ${sortable(['name', 'classificationMode', 'volumeMax', 'volumeMin', 'createdAt', 'updatedAt'])}`,
    schema: {
      type: 'object',
      required: ['name', 'classificationMode'],
      properties: {
        name: text('vessel 33k', { maxLength: 200, description: 'Unique' }),
        classificationMode: oneOf(Object.keys(CRM_CLASSIFICATION_MODES), 'vessel'),
        volumeMax: number(10000, { minimum: 0, nullable: true }),
        volumeMin: number(1000, { minimum: 0, nullable: true, description: 'At most volumeMax' }),
      },
    },
  }),
  ...resourceRoutes({
    resource: CRM_RESOURCES.vessel,
    path: '/v1/vessels',
    listAliases: ['/v1/vessels/'],
    subjects: crmCrudSubjects('vessels'),
    label: 'Kapal / Vessels',
    example: vessel,
    query: [search('name'), enumParameter('type', Object.keys(CRM_VESSEL_TYPES), 'Vessel type (`vesselType` accepted too).')],
    description: sortable(['name', 'initial', 'vesselType', 'imoId', 'mmsiNo', 'capacity', 'productionYear', 'createdAt', 'updatedAt']),
    schema: {
      type: 'object',
      required: ['name', 'vesselType'],
      properties: {
        name: text(vessel.name, { maxLength: 200, description: 'Unique' }),
        initial: optionalText('QBV', { maxLength: 50 }),
        portOfRegister: optionalText('Senyiur', { maxLength: 200 }),
        imoId: { type: 'integer', nullable: true, example: 1231521, description: 'IMO number: exactly 7 digits, unique' },
        mmsiNo: { type: 'integer', nullable: true, example: 525123456, description: 'MMSI: exactly 9 digits, unique' },
        vesselType: oneOf(Object.keys(CRM_VESSEL_TYPES), 'tugboat'),
        speed: number(12, { minimum: 0, nullable: true, description: 'knots' }),
        capacity: number(1000, { minimum: 0, nullable: true, description: 'tons' }),
        productionYear: { type: 'integer', nullable: true, example: 2008 },
        pic: optionalText('Budi', { maxLength: 200 }),
        picContact: optionalText('082334568923', { maxLength: 50 }),
      },
    },
  }),
];

const referenceDataRoutes: RouteDefinition[] = [
  ...resourceRoutes({
    resource: CRM_RESOURCES.exchangeRate,
    path: '/v1/exchangeRateReferences',
    listAliases: ['/v1/exchangeRateReferences/'],
    key: {
      name: 'period',
      doc: { description: '`{yyyy-mm-exchangeReference}`, e.g. `2025-01-jisdor` (the reference id is accepted too)', example: '2025-01-jisdor' },
    },
    subjects: crmCrudSubjects('exchangeRates'),
    label: 'Referensi Exchange Rate',
    example: exchangeRate,
    query: [
      { name: 'month', description: 'Month of the period (1-12).', schema: { type: 'integer', minimum: 1, maximum: 12 } },
      { name: 'year', description: 'Year of the period.', schema: { type: 'integer' } },
      enumParameter('exchangeReference', Object.keys(CRM_EXCHANGE_REFERENCES), 'Exchange reference.'),
    ],
    description: `Daily rates lie in the period's month, one per date, each >= 0; the period average is computed by the system (mean of the daily rates). One reference per period and exchange reference. ${sortable(['monthPeriod', 'yearPeriod', 'exchangeReference', 'periodAverage', 'createdAt', 'updatedAt'])}`,
    schema: {
      type: 'object',
      required: ['monthPeriod', 'yearPeriod', 'exchangeReference', 'dailyRates'],
      properties: {
        monthPeriod: { type: 'integer', minimum: 1, maximum: 12, example: 1 },
        yearPeriod: { type: 'integer', minimum: 2000, maximum: 2100, example: 2025 },
        exchangeReference: oneOf(Object.keys(CRM_EXCHANGE_REFERENCES), 'jisdor'),
        dailyRates: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['date', 'exchangeRate'],
            properties: {
              date: text('2025-01-02', { format: 'date' }),
              exchangeRate: number(16235, { minimum: 0, description: '`midRate` or `rate` accepted too' }),
            },
          },
        },
      },
    },
  }),
  ...resourceRoutes({
    resource: CRM_RESOURCES.fuelPrice,
    path: '/v1/fuelPriceReferences',
    listAliases: ['/v1/fuelPriceReferences/'],
    subjects: crmCrudSubjects('fuelPrices'),
    label: 'Referensi Harga BBM',
    example: fuelPrice,
    query: [
      { name: 'period', description: '1 (days 1-14) or 2 (day 15 to the end of the month).', schema: { type: 'integer', enum: [1, 2] } },
      { name: 'month', description: 'Month (1-12).', schema: { type: 'integer', minimum: 1, maximum: 12 } },
      { name: 'year', description: 'Year.', schema: { type: 'integer' } },
    ],
    description: `Exactly three fuel prices (hsd, lsfo, hsfo), each with area1..area4; one reference per period, month and year. ${sortable(['period', 'month', 'year', 'createdAt', 'updatedAt'])}`,
    schema: {
      type: 'object',
      required: ['period', 'month', 'year', 'fuelPrice'],
      properties: {
        period: { type: 'integer', enum: [1, 2], example: 1 },
        month: { type: 'integer', minimum: 1, maximum: 12, example: 2 },
        year: { type: 'integer', minimum: 2000, maximum: 2100, example: 2025 },
        fuelPrice: {
          type: 'array',
          minItems: 3,
          maxItems: 3,
          items: {
            type: 'object',
            required: ['fuelType', 'area1', 'area2', 'area3', 'area4'],
            properties: {
              fuelType: oneOf(CRM_FUEL_TYPES, 'hsd'),
              area1: number(0, { minimum: 0 }),
              area2: number(0, { minimum: 0 }),
              area3: number(0, { minimum: 0 }),
              area4: number(0, { minimum: 0 }),
            },
          },
        },
      },
    },
  }),
];

/** spec/crm-batubara-niaga-api.md master and reference data, answered by crm-masterdata. */
export const CRM_MASTERDATA_ROUTES: RouteDefinition[] = [...masterDataRoutes, ...referenceDataRoutes];
