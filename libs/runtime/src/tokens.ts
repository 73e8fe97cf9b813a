/** Injection tokens of the service runtime. */
export const LOGGER = Symbol('LOGGER');
export const APP_NAME = Symbol('APP_NAME');
