import {
  CRM_IDENTITY_ALIASES,
  crmFieldErrors,
  crmShownValue,
  parseCrmListRequest,
  withCrmAliases,
  type CrmListRequest,
  type CrmQuery,
  type FieldError,
} from '@gerbang/contracts';
import { DomainError, validateInput } from '@gerbang/runtime';

/** 400 (the crm format renders validation at 400) naming every invalid field; `detail` lists them all. */
export function invalid(fields: FieldError[]): DomainError {
  return new DomainError('validation_failed', `Validasi gagal: ${fields.map((field) => field.message).join('; ')}`, fields);
}

export function invalidField(field: string, message: string, constraint: string, value?: unknown): DomainError {
  return invalid([{ field, message, constraint, value: crmShownValue(value) }]);
}

export function notFound(label: string): DomainError {
  return new DomainError('not_found', `${label} tidak ditemukan`);
}

export function conflict(message: string, fields?: FieldError[]): DomainError {
  return new DomainError('conflict', message, fields);
}

/**
 * The body as `dtoClass`, its snake_case spellings mapped first; one error per field in the
 * crm style, and a body that is not a JSON object is one error on `body`.
 */
export async function validateCrmBody<T extends object>(dtoClass: new () => T, body: unknown): Promise<T> {
  try {
    return await validateInput(dtoClass, withCrmAliases(body ?? {}, CRM_IDENTITY_ALIASES));
  } catch (error) {
    if (error instanceof DomainError && error.fields) {
      throw invalid(crmFieldErrors(error.fields.map((field) => (field.field === 'body' ? { ...field, message: 'body harus berupa objek JSON' } : field))));
    }
    throw error;
  }
}

/** The pagination request of a list, or a 400 naming each bad parameter. */
export function listRequestOf(query: CrmQuery, sortable: readonly string[]): CrmListRequest {
  const parsed = parseCrmListRequest(query, sortable);
  if (!parsed.ok) throw invalid(parsed.errors);
  return parsed.value;
}

/** `%text%` for ILIKE with the pattern characters of the text taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** Ids of users and roles are bigserials; anything else names nothing. */
export const isNumericId = (value: unknown): value is string => typeof value === 'string' && /^\d{1,18}$/.test(value);

/** An id sent as a JSON number is read as its digits. */
export const idText = (value: unknown): unknown => (typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value);
