import 'reflect-metadata';
import type { FieldError } from '@gerbang/contracts';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { DomainError } from './domain-error.js';

/** Flattens class-validator errors into field errors with dotted paths (`items.0.name`). */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({ field, message, constraint, value: error.value }));
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

/**
 * Turns an untrusted payload into a validated DTO instance or throws validation_failed.
 * Unknown properties are stripped, never trusted.
 */
export async function validateInput<T extends object>(dtoClass: new () => T, input: unknown, message = 'Validation failed'): Promise<T> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new DomainError('validation_failed', message, [{ field: 'body', message: 'Body must be a JSON object', constraint: 'isObject' }]);
  }
  const instance = plainToInstance(dtoClass, input, { enableImplicitConversion: false });
  const errors = await validate(instance, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) throw new DomainError('validation_failed', message, toFieldErrors(errors));
  return instance;
}
