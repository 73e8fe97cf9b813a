import { InvalidArgumentError } from 'commander';
import { PRODUCTS, isProduct, type Product } from '@gerbang/contracts';

export function parseRealm(value: string): Product {
  if (!isProduct(value)) throw new InvalidArgumentError(`must be one of ${PRODUCTS.join(', ')}`);
  return value;
}

/** Repeatable option that also splits commas: `--scope a --scope b,c` gives [a, b, c]. */
export function collect(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  ];
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** `90s`, `15m`, `2h`, `7d`, `1w` to seconds. */
export function parseDuration(value: string): number {
  const match = /^(\d+)\s*([smhdw])$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError('must be a duration like 90s, 15m, 2h, 7d or 1w');
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2]];
  if (seconds <= 0) throw new InvalidArgumentError('must be longer than zero');
  return seconds;
}

/** An ISO 8601 date or date-time (a bare date means midnight UTC). */
export function parseInstant(value: string): Date {
  const date = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim()) ? new Date(value.trim()) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw new InvalidArgumentError('must be an ISO 8601 date or date-time, e.g. 2025-09-17 or 2025-09-17T08:00:00+07:00');
  return date;
}

export function parseInteger(value: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError('must be an integer');
  return Number(value);
}

/** An absolute instant or a duration from now (`--until 2025-09-17` or `--for 2h` style options). */
export function instantOrFromNow(instant: Date | undefined, durationSeconds: number | undefined, now = new Date()): Date | undefined {
  if (instant) return instant;
  return durationSeconds === undefined ? undefined : new Date(now.getTime() + durationSeconds * 1000);
}
