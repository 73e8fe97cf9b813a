import 'reflect-metadata';
import { isEmail, ValidateBy, type ValidationArguments } from 'class-validator';
import type { FieldError } from '../common/error-codes.js';

/*
 * Validation rules in the crm document's error style: the constraint names are the tags of
 * its example (`required`, `max`, `oneof`, ...) and the messages name the field in Indonesian.
 * Every rule but Required lets an absent value pass, so a missing field reports only that it
 * is required. Shared by the crm payload classes of every service.
 */

export const isAbsent = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** A rule in this style: `validate` judges present values only; the message names the field. */
export function crmRule(name: string, validate: (value: unknown) => boolean, message: (property: string) => string): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => isAbsent(value) || validate(value),
      defaultMessage: (args?: ValidationArguments) => message(args?.property ?? 'field'),
    },
  });
}

export function CrmRequired(): PropertyDecorator {
  return ValidateBy({
    name: 'required',
    validator: {
      validate: (value: unknown) => !isAbsent(value),
      defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'field'} wajib diisi`,
    },
  });
}

/** A string of at most `max` characters. */
export function CrmText(max: number): PropertyDecorator {
  return (target, property) => {
    crmRule(
      'string',
      (value) => typeof value === 'string',
      (name) => `${name} harus berupa teks`,
    )(target, property);
    crmRule(
      'max',
      (value) => typeof value !== 'string' || value.trim().length <= max,
      (name) => `${name} maksimal ${max} karakter`,
    )(target, property);
  };
}

export function CrmEmail(): PropertyDecorator {
  return crmRule(
    'email',
    (value) => typeof value === 'string' && isEmail(value.trim()),
    (name) => `${name} harus berupa alamat email yang valid`,
  );
}

export function CrmOneOf(values: readonly (string | number)[]): PropertyDecorator {
  return crmRule(
    'oneof',
    (value) => values.includes(value as string | number),
    (name) => `${name} harus salah satu dari: ${values.join(', ')}`,
  );
}

export function CrmMatches(pattern: RegExp, message: (name: string) => string): PropertyDecorator {
  return crmRule('matches', (value) => typeof value === 'string' && pattern.test(value.trim()), message);
}

export function CrmBoolean(): PropertyDecorator {
  return crmRule(
    'boolean',
    (value) => typeof value === 'boolean',
    (name) => `${name} harus bernilai true atau false`,
  );
}

/** Which failure a field reports when it breaks several rules: the most basic one. */
const PRIORITY = ['required', 'string', 'number', 'boolean', 'array', 'isObject', 'nestedValidation'];
const rank = (constraint: string | undefined) => {
  const index = PRIORITY.indexOf(constraint ?? '');
  return index < 0 ? PRIORITY.length : index;
};

/** What an error may echo of a client's value: primitives only, long text cut short. */
export function crmShownValue(value: unknown): unknown {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.length > 100 ? `${value.slice(0, 100)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return '';
}

/** One error per field (its most basic failure), echoing the value as the document's example does. */
export function crmFieldErrors(fields: FieldError[]): FieldError[] {
  const chosen = new Map<string, FieldError>();
  for (const field of fields) {
    const current = chosen.get(field.field);
    if (!current || rank(field.constraint) < rank(current.constraint)) chosen.set(field.field, field);
  }
  return [...chosen.values()].map((field) => ({ ...field, value: crmShownValue(field.value) }));
}

/**
 * Copies the body with each canonical field taken from its first present spelling (the
 * document writes `formalName` and `formal_name`, `startDate` and `start_date`).
 */
export function withCrmAliases(body: unknown, aliases: Readonly<Record<string, readonly string[]>>): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const record = { ...(body as Record<string, unknown>) };
  for (const [canonical, names] of Object.entries(aliases)) {
    if (record[canonical] !== undefined) continue;
    const found = names.find((name) => record[name] !== undefined);
    if (found) record[canonical] = record[found];
  }
  return record;
}
