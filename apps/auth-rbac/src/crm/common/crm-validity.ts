/**
 * Role validity dates. The document writes dates (`"startDate": "2025-06-18"`, `"validUntil":
 * "2025-09-17"`); they are days in the business time zone, Asia/Jakarta (UTC+7, no daylight
 * saving): a start date begins at that day's midnight and a role valid until a date holds
 * through that whole day. ISO 8601 date-times are accepted for finer windows and answered as
 * such; whole days are answered as dates.
 */
const ZONE_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

function startOfDay(text: string): Date | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return new Date(utc - ZONE_OFFSET_MS);
}

function dateTime(text: string): Date | null {
  if (!DATE_TIME.test(text)) return null;
  // Without a zone designator the time is read in the business zone.
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}+07:00`;
  const time = Date.parse(zoned);
  return Number.isNaN(time) ? null : new Date(time);
}

/** The moment a role starts, or null when the text is neither a date nor a date-time. */
export function parseStart(text: string): Date | null {
  return startOfDay(text.trim()) ?? dateTime(text.trim());
}

/** The moment a role stops granting (a date holds through that day), or null when unreadable. */
export function parseEnd(text: string): Date | null {
  const day = startOfDay(text.trim());
  return day ? new Date(day.getTime() + DAY_MS) : dateTime(text.trim());
}

const isMidnight = (date: Date) => (date.getTime() + ZONE_OFFSET_MS) % DAY_MS === 0;
const localDate = (time: number) => new Date(time + ZONE_OFFSET_MS).toISOString().slice(0, 10);

export function formatStart(date: Date): string {
  return isMidnight(date) ? localDate(date.getTime()) : date.toISOString();
}

export function formatEnd(date: Date | null): string | null {
  if (!date) return null;
  return isMidnight(date) ? localDate(date.getTime() - DAY_MS) : date.toISOString();
}
