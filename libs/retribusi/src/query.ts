import { RETRIBUSI_CATEGORIES, type RetribusiCategory } from '@gerbang/contracts';
import { CODE_MESSAGE, isCode } from './codes.js';
import { parseCalendarDate } from './dates.js';
import { invalidField } from './errors.js';

export type Query = Record<string, string | string[] | undefined> | undefined;

const camelCase = (name: string) => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * One query value by its document name, also accepted in camelCase (`start_date` or
 * `startDate`), since clients of the document send either. A repeated parameter counts once
 * (the first); an empty value counts as absent.
 */
export function queryValue(query: Query, name: string): string | undefined {
  const raw = query?.[name] ?? query?.[camelCase(name)];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined || value === '' ? undefined : value;
}

export function optionalCodeFilter(query: Query, name: string): string | undefined {
  const value = queryValue(query, name);
  if (value !== undefined && !isCode(value)) throw invalidField(name, CODE_MESSAGE);
  return value;
}

export function optionalCategoryFilter(query: Query, name = 'category'): RetribusiCategory | undefined {
  const value = queryValue(query, name);
  if (value === undefined) return undefined;
  if (!(RETRIBUSI_CATEGORIES as readonly string[]).includes(value)) throw invalidField(name, `Must be one of: ${RETRIBUSI_CATEGORIES.join(', ')}`);
  return value as RetribusiCategory;
}

export function optionalChoice<T extends string>(query: Query, name: string, choices: readonly T[]): T | undefined {
  const value = queryValue(query, name);
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) throw invalidField(name, `Must be one of: ${choices.join(', ')}`);
  return value as T;
}

export function optionalText(query: Query, name: string, maxLength = 200): string | undefined {
  const value = queryValue(query, name);
  if (value !== undefined && value.length > maxLength) throw invalidField(name, `Must be at most ${maxLength} characters`);
  return value;
}

export function requiredDate(query: Query, name: string): string {
  const value = queryValue(query, name);
  if (value === undefined) throw invalidField(name, 'Field is required');
  return parseCalendarDate(value, name);
}

export function optionalDate(query: Query, name: string): string | undefined {
  const value = queryValue(query, name);
  return value === undefined ? undefined : parseCalendarDate(value, name);
}

/** An optional start_date/end_date pair; end before start is a 422 on end_date. */
export function optionalDateRange(query: Query): { startDate?: string; endDate?: string } {
  const startDate = optionalDate(query, 'start_date');
  const endDate = optionalDate(query, 'end_date');
  if (startDate && endDate && endDate < startDate) throw invalidField('end_date', 'Must not be before start_date');
  return { startDate, endDate };
}
