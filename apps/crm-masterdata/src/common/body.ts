import type { FieldError } from '@gerbang/contracts';
import { DomainError, validateInput } from '@gerbang/runtime';
import { invalid, shownValue } from './errors.js';

/** Which failure a field reports when it breaks several rules: the most basic one. */
const PRIORITY = ['required', 'string', 'number', 'array', 'isObject', 'nestedValidation'];
const rank = (constraint: string | undefined) => {
  const index = PRIORITY.indexOf(constraint ?? '');
  return index < 0 ? PRIORITY.length : index;
};

/** One error per field, echoing the value as the document's example does (short, primitives only). */
export function onePerField(fields: FieldError[]): FieldError[] {
  const chosen = new Map<string, FieldError>();
  for (const field of fields) {
    const current = chosen.get(field.field);
    if (!current || rank(field.constraint) < rank(current.constraint)) chosen.set(field.field, field);
  }
  return [...chosen.values()].map((field) => ({ ...field, value: shownValue(field.value) }));
}

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

/**
 * Copies the body with each canonical field taken from its first present spelling, for the
 * document's alternative names (`ownerId` / `owner` / `customerId`, `volumeMin` / `volume Min`).
 */
export function withAliases(body: unknown, aliases: Record<string, string[]>): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const record = { ...(body as Record<string, unknown>) };
  for (const [canonical, names] of Object.entries(aliases)) {
    if (record[canonical] !== undefined) continue;
    const found = names.find((name) => record[name] !== undefined);
    if (found) record[canonical] = record[found];
  }
  return record;
}

/** `''`, whitespace and null all mean "not given" for optional text; kept text is trimmed. */
export function optionalText(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** A number sent as a string of digits (`"02"`) becomes a number; anything else is left for validation to judge. */
export function digitsToNumber(value: unknown): unknown {
  return typeof value === 'string' && /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : value;
}
