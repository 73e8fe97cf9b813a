import { CRM_SUBJECTS as S } from '@gerbang/contracts';
import { crudController } from './common/crud-controller.js';
import { CustomersService } from './customers/customers.service.js';
import { ExchangeRatesService } from './exchange-rates/exchange-rates.service.js';
import { FuelPricesService } from './fuel-prices/fuel-prices.service.js';
import { LocationsService } from './locations/locations.service.js';
import { PartnersService } from './partners/partners.service.js';
import { PowerPlantsService } from './power-plants/power-plants.service.js';
import { TransportationModesService } from './transportation-modes/transportation-modes.service.js';
import { VesselsService } from './vessels/vessels.service.js';

/** One NATS controller per resource, each subject answered by its service. */
export const CONTROLLERS = [
  crudController(
    'CustomersController',
    { list: S.customersList, get: S.customersGet, create: S.customersCreate, update: S.customersUpdate, delete: S.customersDelete },
    CustomersService,
  ),
  crudController(
    'PartnersController',
    { list: S.partnersList, get: S.partnersGet, create: S.partnersCreate, update: S.partnersUpdate, delete: S.partnersDelete },
    PartnersService,
  ),
  crudController(
    'LocationsController',
    { list: S.locationsList, get: S.locationsGet, create: S.locationsCreate, update: S.locationsUpdate, delete: S.locationsDelete },
    LocationsService,
  ),
  crudController(
    'PowerPlantsController',
    { list: S.powerPlantsList, get: S.powerPlantsGet, create: S.powerPlantsCreate, update: S.powerPlantsUpdate, delete: S.powerPlantsDelete },
    PowerPlantsService,
  ),
  crudController(
    'TransportationModesController',
    {
      list: S.transportationModesList,
      get: S.transportationModesGet,
      create: S.transportationModesCreate,
      update: S.transportationModesUpdate,
      delete: S.transportationModesDelete,
    },
    TransportationModesService,
  ),
  crudController(
    'VesselsController',
    { list: S.vesselsList, get: S.vesselsGet, create: S.vesselsCreate, update: S.vesselsUpdate, delete: S.vesselsDelete },
    VesselsService,
  ),
  crudController(
    'ExchangeRatesController',
    { list: S.exchangeRatesList, get: S.exchangeRatesGet, create: S.exchangeRatesCreate, update: S.exchangeRatesUpdate },
    ExchangeRatesService,
    'period',
  ),
  crudController(
    'FuelPricesController',
    { list: S.fuelPricesList, get: S.fuelPricesGet, create: S.fuelPricesCreate, update: S.fuelPricesUpdate },
    FuelPricesService,
  ),
];

export const SERVICES = [
  CustomersService,
  PartnersService,
  LocationsService,
  PowerPlantsService,
  TransportationModesService,
  VesselsService,
  ExchangeRatesService,
  FuelPricesService,
];
