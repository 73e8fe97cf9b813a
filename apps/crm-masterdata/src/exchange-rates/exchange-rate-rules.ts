import { CRM_EXCHANGE_REFERENCES, type CrmExchangeReference, type FieldError } from '@gerbang/contracts';

/** `{yyyy-mm-exchangeReference}`, the document's address of a reference (`2025-01-jisdor`). */
export function periodKey(year: number, month: number, reference: string): string {
  return `${year}-${String(month).padStart(2, '0')}-${reference}`;
}

/** Reads a period key (the month may have one digit, the reference any case); null when it is not one. */
export function parsePeriodKey(key: string): { year: number; month: number; reference: CrmExchangeReference } | null {
  const match = /^(\d{4})-(\d{1,2})-([A-Za-z]+)$/.exec(key);
  if (!match) return null;
  const reference = Object.keys(CRM_EXCHANGE_REFERENCES).find((name) => name.toLowerCase() === match[3]?.toLowerCase()) as CrmExchangeReference | undefined;
  const month = Number(match[2]);
  if (!reference || month < 1 || month > 12) return null;
  return { year: Number(match[1]), month, reference };
}

const isCalendarDate = (text: string): boolean => {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
};

/** Every daily rate lies in the period's month, once per date. */
export function dailyRateErrors(year: number, month: number, dates: readonly string[]): FieldError[] {
  const prefix = `${year}-${String(month).padStart(2, '0')}-`;
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  dates.forEach((date, index) => {
    const field = `dailyRates.${index}.date`;
    if (!isCalendarDate(date)) errors.push({ field, message: `tanggal ${date} tidak valid`, constraint: 'datetime', value: date });
    else if (!date.startsWith(prefix))
      errors.push({ field, message: `tanggal ${date} harus di dalam periode ${prefix.slice(0, 7)}`, constraint: 'period', value: date });
    else if (seen.has(date)) errors.push({ field, message: `tanggal ${date} sudah ada di dailyRates`, constraint: 'unique', value: date });
    seen.add(date);
  });
  return errors;
}

/** The period average the system keeps: the mean of the daily rates, to two decimals. */
export function periodAverage(rates: readonly number[]): number | null {
  if (rates.length === 0) return null;
  return Math.round((rates.reduce((sum, rate) => sum + rate, 0) / rates.length) * 100) / 100;
}
