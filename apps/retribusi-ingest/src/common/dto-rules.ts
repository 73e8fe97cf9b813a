import { IsDefined, IsIn, IsString, Length, Matches, ValidateIf, type ValidationOptions } from 'class-validator';
import { CODE_MESSAGE, CODE_PATTERN } from '@gerbang/retribusi';

/**
 * Field rules shared by the master-data DTOs, with the document's English messages.
 * Each is a list of decorators applied in order.
 */
type Rule = PropertyDecorator;

export const required = (): Rule => IsDefined({ message: 'Field is required' });

export const codeRule = (): Rule[] => [IsString({ message: 'Must be a string' }), Matches(CODE_PATTERN, { message: CODE_MESSAGE })];

export const textRule = (max: number): Rule[] => [
  IsString({ message: 'Must be a string' }),
  Length(1, max, { message: `Must be 1-${max} characters` }),
  Matches(/\S/, { message: 'Must not be blank' }),
];

/** is_active arrives as 1/0 (the document) or true/false (what many clients send). */
export const activeFlagRule = (): Rule => IsIn([0, 1, true, false], { message: 'Must be 1 or 0' });

/** Applies a rule only when the field is present (undefined skips; null is still checked). */
export const whenPresent = (options?: ValidationOptions): Rule => ValidateIf((_object, value) => value !== undefined, options);

export function apply(...rules: Array<Rule | Rule[]>): PropertyDecorator {
  return (target, property) => {
    for (const rule of rules.flat()) rule(target, property);
  };
}

export function toActiveFlag(value: number | boolean | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  return value === true || value === 1 ? 1 : 0;
}
