import type { FieldError } from '@gerbang/contracts';
import { DomainError, validateInput } from '@gerbang/runtime';

/**
 * validateInput with one message per field: a missing field says only "Field is required"
 * (the document's wording) instead of every rule the absent value also breaks.
 */
export async function validateBody<T extends object>(dtoClass: new () => T, body: unknown): Promise<T> {
  try {
    return await validateInput(dtoClass, body ?? {});
  } catch (error) {
    if (error instanceof DomainError && error.fields) throw new DomainError(error.code, error.message, onePerField(error.fields));
    throw error;
  }
}

export function onePerField(fields: FieldError[]): FieldError[] {
  const chosen = new Map<string, FieldError>();
  for (const field of fields) {
    const current = chosen.get(field.field);
    if (!current || (field.constraint === 'isDefined' && current.constraint !== 'isDefined')) chosen.set(field.field, field);
  }
  return [...chosen.values()].map(({ value: _value, ...rest }) => rest);
}
