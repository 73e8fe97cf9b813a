export * from './openapi-types.js';
export * from './product-info.js';
export * from './error-formats.js';
export * from './route-errors.js';
export * from './schema-from-example.js';
export * from './openapi-document.js';
export * from './swagger-ui-page.js';
export * from './register-docs.js';
