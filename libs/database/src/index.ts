export * from './data-source.js';
export * from './migrations.js';
export * from './database.module.js';
export * from './outbox.js';
