import { crmCrudSubjects } from '@gerbang/contracts';
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
  crudController('CustomersController', crmCrudSubjects('customers'), CustomersService),
  crudController('PartnersController', crmCrudSubjects('partners'), PartnersService),
  crudController('LocationsController', crmCrudSubjects('locations'), LocationsService),
  crudController('PowerPlantsController', crmCrudSubjects('powerPlants'), PowerPlantsService),
  crudController('TransportationModesController', crmCrudSubjects('transportationModes'), TransportationModesService),
  crudController('VesselsController', crmCrudSubjects('vessels'), VesselsService),
  crudController('ExchangeRatesController', crmCrudSubjects('exchangeRates'), ExchangeRatesService, 'period'),
  crudController('FuelPricesController', crmCrudSubjects('fuelPrices'), FuelPricesService),
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
