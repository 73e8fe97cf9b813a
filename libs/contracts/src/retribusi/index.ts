export * from './subjects.js';
export * from './events.js';
export * from './ingest-routes.js';
export * from './stream-route.js';
export * from './realtime.js';
export * from './realtime-routes.js';
