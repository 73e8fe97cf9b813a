import type { FieldError } from '@gerbang/contracts';
import { DomainError } from '@gerbang/runtime';

/** 422 with one message per field, as the document shows (`fields: {price: "Must be >= 0"}`). */
export function validationFailed(fields: Array<Pick<FieldError, 'field' | 'message'> & Partial<FieldError>>): DomainError {
  return new DomainError('validation_failed', 'Validation failed', fields);
}

export function invalidField(field: string, message: string): DomainError {
  return validationFailed([{ field, message }]);
}

export function notFound(message: string): DomainError {
  return new DomainError('not_found', message);
}

export function conflict(message: string): DomainError {
  return new DomainError('conflict', message);
}

/** PostgreSQL's unique_violation, as TypeORM and pg surface it. */
export function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: string; driverError?: { code?: string } } | null;
  return candidate?.code === '23505' || candidate?.driverError?.code === '23505';
}
