import { RETRIBUSI_CATEGORIES } from '@gerbang/contracts';

/** One stored total of a (location, gate, category), as aggregates keep them. */
export interface GateCategoryTotal {
  location_code: string;
  gate_code: string;
  category: string;
  total_count: number | string;
  total_amount: number | string;
}

/** The stat cards of /dashboard/summary and /realtime/snapshot. */
export interface DayTotals {
  total_count_today: number;
  total_amount_today: number;
  by_gate: Array<{ location_code: string; gate_code: string; total_count: number; total_amount: number }>;
  by_category: Array<{ category: string; total_count: number; total_amount: number }>;
}

/**
 * Folds per-(location, gate, category) totals into the document's cards: the grand totals,
 * one row per gate (with its location, since gate codes repeat across locations) in code
 * order, and one row per category in the dashboards' order, a category without events
 * counting zero. Counts arrive as text when PostgreSQL sums bigints.
 */
export function summarizeTotals(rows: GateCategoryTotal[]): DayTotals {
  const byGate = new Map<string, DayTotals['by_gate'][number]>();
  const byCategory = new Map(RETRIBUSI_CATEGORIES.map((category) => [category as string, { category: category as string, total_count: 0, total_amount: 0 }]));
  let totalCount = 0;
  let totalAmount = 0;
  for (const row of rows) {
    const [count, amount] = [Number(row.total_count), Number(row.total_amount)];
    totalCount += count;
    totalAmount += amount;
    const gateKey = `${row.location_code}/${row.gate_code}`;
    const gate = byGate.get(gateKey) ?? { location_code: row.location_code, gate_code: row.gate_code, total_count: 0, total_amount: 0 };
    gate.total_count += count;
    gate.total_amount += amount;
    byGate.set(gateKey, gate);
    const category = byCategory.get(row.category) ?? { category: row.category, total_count: 0, total_amount: 0 };
    category.total_count += count;
    category.total_amount += amount;
    byCategory.set(row.category, category);
  }
  const gates = [...byGate.values()].sort(
    (left, right) => left.location_code.localeCompare(right.location_code) || left.gate_code.localeCompare(right.gate_code),
  );
  return { total_count_today: totalCount, total_amount_today: totalAmount, by_gate: gates, by_category: [...byCategory.values()] };
}
