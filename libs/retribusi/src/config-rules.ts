import { ValidateBy } from 'class-validator';

/** True for a zone name Intl (and so PostgreSQL's tz database) knows, e.g. Asia/Jakarta. */
export function isTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Config rule for BUSINESS_TIMEZONE. */
export function IsTimeZone(): PropertyDecorator {
  return ValidateBy({
    name: 'isTimeZone',
    validator: { validate: isTimeZone, defaultMessage: () => 'BUSINESS_TIMEZONE must be an IANA time zone such as Asia/Jakarta' },
  });
}

/** Config flags: 1/0 or true/false. */
export const FLAGS = ['0', '1', 'true', 'false'];

export function isEnabled(flag: string): boolean {
  return flag === '1' || flag === 'true';
}
