export * from './free-port.js';
export * from './nats-server.js';
export * from './test-database.js';
export * from './fleet.js';
export * from './fake-service.js';
export * from './http.js';
export * from './eventually.js';
