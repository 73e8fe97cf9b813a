import { invalidField } from './errors.js';

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** "00".."23": the hourly chart's labels. */
export const HOUR_LABELS = Array.from({ length: 24 }, (_, hour) => String(hour).padStart(2, '0'));

/** True for a real calendar day written YYYY-MM-DD (2025-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  const match = DATE_SHAPE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1970 || year > 9999) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function parseCalendarDate(value: unknown, field: string): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) throw invalidField(field, 'Must be a date in format YYYY-MM-DD');
  return value;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from start to end, both included (2025-12-01..2025-12-03 is 3). */
export function daysInclusive(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS) + 1;
}

/** Every date from start to end, both included. */
export function dateRange(start: string, end: string): string[] {
  return Array.from({ length: Math.max(daysInclusive(start, end), 0) }, (_, index) => addDays(start, index));
}

export interface ZonedParts {
  date: string;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let cached = formatters.get(timeZone);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, cached);
  }
  return cached;
}

/** The wall-clock date and time of a Unix second in a zone. */
export function zonedParts(unixSeconds: number, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(unixSeconds * 1000))) parts[part.type] = part.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}

/** "YYYY-MM-DD HH:MM:SS" of a Unix second in a zone, the document's datetime format. */
export function formatZoned(unixSeconds: number, timeZone: string): string {
  const parts = zonedParts(unixSeconds, timeZone);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${parts.date} ${pad(parts.hour)}:${pad(parts.minute)}:${pad(parts.second)}`;
}

/**
 * The Unix second at which a zone's wall clock shows date and time. Found from the zone's
 * offset at that moment, corrected once for a DST change in between; a wall time a DST
 * jump skips resolves to the instant after the jump.
 */
export function zonedToUnix(date: string, seconds: number, timeZone: string): number {
  const wall = Date.parse(`${date}T00:00:00Z`) / 1000 + seconds;
  const offsetAt = (instant: number) => {
    const parts = zonedParts(instant, timeZone);
    return Date.parse(`${parts.date}T00:00:00Z`) / 1000 + parts.hour * 3600 + parts.minute * 60 + parts.second - instant;
  };
  const guess = wall - offsetAt(wall);
  const corrected = wall - offsetAt(guess);
  return corrected;
}
