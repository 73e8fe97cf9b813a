import { crmShownValue, type FieldError } from '@gerbang/contracts';
import { DomainError } from '@gerbang/runtime';

/** 400 (the crm format renders validation at 400) naming every invalid field; `detail` lists them all. */
export function invalid(fields: FieldError[]): DomainError {
  return new DomainError('validation_failed', `Validasi gagal: ${fields.map((field) => field.message).join('; ')}`, fields);
}

export function invalidField(field: string, message: string, constraint: string, value?: unknown): DomainError {
  return invalid([{ field, message, constraint, value: shownValue(value) }]);
}

export function notFound(label: string): DomainError {
  return new DomainError('not_found', `${label} tidak ditemukan`);
}

export function conflict(message: string, fields?: FieldError[]): DomainError {
  return new DomainError('conflict', message, fields);
}

/** What an error may echo of a client's value (shared with every crm service). */
export const shownValue = crmShownValue;

/** PostgreSQL error codes the stores translate: unique_violation and foreign_key_violation. */
export function postgresCode(error: unknown): string | undefined {
  const candidate = error as { code?: string; driverError?: { code?: string } } | null;
  return candidate?.driverError?.code ?? candidate?.code;
}
