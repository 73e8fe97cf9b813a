import { ValidateBy, type ValidationArguments } from 'class-validator';

/**
 * A required, non-blank string with one message per field ("Field is required", "Must be
 * a string", "Must be at most N characters"), as the products' documents phrase them;
 * stacking class-validator's own decorators would report several messages for one field.
 */
export function IsRequiredString(options: { maxLength?: number } = {}): PropertyDecorator {
  const maxLength = options.maxLength ?? 254;
  return ValidateBy({
    name: 'requiredString',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && value.trim().length > 0 && value.length <= maxLength,
      defaultMessage: (args?: ValidationArguments) => {
        const value: unknown = args?.value;
        if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return 'Field is required';
        if (typeof value !== 'string') return 'Must be a string';
        return `Must be at most ${maxLength} characters`;
      },
    },
  });
}

/** Same rules as IsRequiredString for a field that may be absent. */
export function IsOptionalString(options: { maxLength?: number } = {}): PropertyDecorator {
  const maxLength = options.maxLength ?? 254;
  return ValidateBy({
    name: 'optionalString',
    validator: {
      validate: (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.length <= maxLength),
      defaultMessage: (args?: ValidationArguments) => (typeof args?.value !== 'string' ? 'Must be a string' : `Must be at most ${maxLength} characters`),
    },
  });
}
