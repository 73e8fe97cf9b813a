import { isEmail, ValidateBy, type ValidationArguments } from 'class-validator';
import { isUuid } from './sql.js';

/*
 * Validation rules with the document's error style: the constraint names are the tags of its
 * example (`required`, `max`, `len`, `oneof`, ...) and the messages name the field in
 * Indonesian. Every rule but Required lets an absent value pass, so a missing field reports
 * only that it is required.
 */

const isAbsent = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function rule(name: string, validate: (value: unknown) => boolean, message: (property: string) => string): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => isAbsent(value) || validate(value),
      defaultMessage: (args?: ValidationArguments) => message(args?.property ?? 'field'),
    },
  });
}

export function Required(): PropertyDecorator {
  return ValidateBy({
    name: 'required',
    validator: {
      validate: (value: unknown) => !isAbsent(value),
      defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'field'} wajib diisi`,
    },
  });
}

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

/** A string of at most `max` characters. */
export function Text(max: number): PropertyDecorator {
  return (target, property) => {
    rule(
      'string',
      (value) => typeof value === 'string',
      (name) => `${name} harus berupa teks`,
    )(target, property);
    rule(
      'max',
      (value) => typeof value !== 'string' || value.trim().length <= max,
      (name) => `${name} maksimal ${max} karakter`,
    )(target, property);
  };
}

export function Digits(length: number, label?: string): PropertyDecorator {
  const pattern = new RegExp(`^[0-9]{${length}}$`);
  return rule(
    'len',
    (value) => (typeof value === 'string' || typeof value === 'number') && pattern.test(String(value)),
    (name) => `${label ?? name} harus ${length} digit angka`,
  );
}

export function Email(): PropertyDecorator {
  return rule(
    'email',
    (value) => typeof value === 'string' && isEmail(value.trim()),
    (name) => `${name} harus berupa alamat email yang valid`,
  );
}

export function OneOf(values: readonly (string | number)[]): PropertyDecorator {
  return rule(
    'oneof',
    (value) => values.includes(value as string | number),
    (name) => `${name} harus salah satu dari: ${values.join(', ')}`,
  );
}

export function Matches(pattern: RegExp, message: (name: string) => string): PropertyDecorator {
  return rule('matches', (value) => typeof value === 'string' && pattern.test(value.trim()), message);
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
