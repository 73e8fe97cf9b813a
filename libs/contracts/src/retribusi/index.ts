export * from './subjects.js';
export * from './events.js';
export * from './ingest-routes.js';
