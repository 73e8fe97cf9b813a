import { ValidateBy, type ValidationArguments } from 'class-validator';
import { CrmEmail, CrmMatches, CrmOneOf, CrmRequired, CrmText, crmRule as rule, isAbsent } from '@gerbang/contracts';
import { isUuid } from './sql.js';

/*
 * Validation rules with the document's error style (constraint names are the tags of its
 * example, messages name the field in Indonesian). The rules every crm service shares live in
 * @gerbang/contracts (crm/validation-rules.ts); these are master data's own.
 */

export const Required = CrmRequired;
export const Text = CrmText;
export const Email = CrmEmail;
export const OneOf = CrmOneOf;
export const Matches = CrmMatches;

/** Mandatory when `condition` holds for the whole body (businessLicense of suppliers, a location's area). */
export function RequiredWhen(condition: (body: object) => boolean, message: (name: string) => string): PropertyDecorator {
  return ValidateBy({
    name: 'required_if',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => !condition(args?.object ?? {}) || !isAbsent(value),
      defaultMessage: (args?: ValidationArguments) => message(args?.property ?? 'field'),
    },
  });
}

export function Digits(length: number, label?: string): PropertyDecorator {
  const pattern = new RegExp(`^[0-9]{${length}}$`);
  return rule(
    'len',
    (value) => (typeof value === 'string' || typeof value === 'number') && pattern.test(String(value)),
    (name) => `${label ?? name} harus ${length} digit angka`,
  );
}

/** A finite JSON number. */
export function FiniteNumber(): PropertyDecorator {
  return rule(
    'number',
    (value) => typeof value === 'number' && Number.isFinite(value),
    (name) => `${name} harus berupa angka`,
  );
}

/** A finite JSON number of at least `min`. */
export function NumberAtLeast(min: number): PropertyDecorator {
  return (target, property) => {
    FiniteNumber()(target, property);
    rule(
      'gte',
      (value) => typeof value !== 'number' || value >= min,
      (name) => `${name} harus lebih besar atau sama dengan ${min}`,
    )(target, property);
  };
}

/** An integer within [min, max]. */
export function IntegerBetween(min: number, max: number): PropertyDecorator {
  return (target, property) => {
    rule(
      'number',
      (value) => typeof value === 'number' && Number.isInteger(value),
      (name) => `${name} harus berupa bilangan bulat`,
    )(target, property);
    rule(
      'range',
      (value) => typeof value !== 'number' || (value >= min && value <= max),
      (name) => `${name} harus antara ${min} dan ${max}`,
    )(target, property);
  };
}

/** The id (UUID) of another record. */
export function Uuid(): PropertyDecorator {
  return rule(
    'uuid',
    (value) => isUuid(value),
    (name) => `${name} harus berupa id (UUID)`,
  );
}

/** An array of `min` to `max` items (items are validated by their own class, see ValidateNested). */
export function ArrayOf(min: number, max: number, message: (name: string) => string): PropertyDecorator {
  return (target, property) => {
    rule(
      'array',
      (value) => Array.isArray(value),
      (name) => `${name} harus berupa array`,
    )(target, property);
    rule('len', (value) => !Array.isArray(value) || (value.length >= min && value.length <= max), message)(target, property);
  };
}
