import { invalidField } from './errors.js';

/** Location and gate codes: `kerkof_01`, `gate01`; letters, digits, `_`, `-`, `.`, at most 64. */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const CODE_MESSAGE = 'Must be 1-64 letters, digits, "_", "-" or "." starting with a letter or digit';

export function isCode(value: unknown): value is string {
  return typeof value === 'string' && CODE_PATTERN.test(value);
}

/** A code from the path; an invalid one is a 422 on that parameter, as the document lists. */
export function pathCode(params: Record<string, string> | undefined, name: string): string {
  const value = params?.[name];
  if (value === undefined || value === '') throw invalidField(name, 'Field is required');
  if (!isCode(value)) throw invalidField(name, `Invalid ${name.replace('_', ' ')}`);
  return value;
}
