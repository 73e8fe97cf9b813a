export * from './subjects.js';
export * from './enums.js';
export * from './routes.js';
export * from './identity-routes.js';
export * from './masterdata-routes.js';
