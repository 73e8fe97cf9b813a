export * from './wire-format.js';
export * from './retribusi.format.js';
export * from './crm.format.js';
export * from './isp.format.js';
export * from './qr.format.js';
export * from './autogate.format.js';
export * from './formats.js';
