import { crmFieldErrors, withCrmAliases } from '@gerbang/contracts';
import { DomainError, validateInput } from '@gerbang/runtime';
import { invalid } from './errors.js';

/** One error per field (its most basic failure), echoing the value as the document's example does. */
export const onePerField = crmFieldErrors;

/** validateInput in the crm error style; a body that is not a JSON object is one error on `body`. */
export async function validateBody<T extends object>(dtoClass: new () => T, body: unknown): Promise<T> {
  try {
    return await validateInput(dtoClass, body ?? {});
  } catch (error) {
    if (error instanceof DomainError && error.fields) {
      const fields = error.fields.map((field) => (field.field === 'body' ? { ...field, message: 'body harus berupa objek JSON' } : field));
      throw invalid(onePerField(fields));
    }
    throw error;
  }
}

/** The body as a record (anything else becomes an empty record, which validation then refuses field by field). */
export function bodyRecord(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** The document's alternative field names (`ownerId` / `owner` / `customerId`, `volumeMin` / `volume Min`). */
export const withAliases = withCrmAliases;

/** `''`, whitespace and null all mean "not given" for optional text; kept text is trimmed. */
export function optionalText(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** A number sent as a string of digits (`"02"`) becomes a number; anything else is left for validation to judge. */
export function digitsToNumber(value: unknown): unknown {
  return typeof value === 'string' && /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : value;
}
