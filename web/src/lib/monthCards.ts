// The overview's cards per currency, from two of the answers the page already needs, so the month's
// rows are scanned once for the cards and the chart together (docs/PERFORMANCE.md "Dashboard"):
// - `month`: the shown month (to date) grouped by provider and day: its totals are the month's;
// - `lastMonth`: the month before grouped by day: its totals are that month in full, and its days
//   before `sameDaysEnd` are "the same days of last month".
// Sums are exact (decimal.ts); currencies are never added together.
import type { CostResponse } from '../api/types';
import { add, type Decimal, parseDecimal, ZERO } from './decimal';

export interface MonthCard {
  currency: string;
  /** The month (to date), exactly as the server summed it. */
  nowExact: string;
  now: Decimal;
  sameDaysLastMonth: Decimal;
  lastMonth: Decimal;
}

type Metric = 'billed_cost' | 'effective_cost' | 'list_cost' | 'contracted_cost';

export function monthCards(month: CostResponse, lastMonth: CostResponse, sameDaysEnd: string, metric: Metric): MonthCard[] {
  const currencies = new Set<string>();
  for (const t of [...month.totals, ...lastMonth.totals]) currencies.add(t.currency);
  return [...currencies].sort().map((currency) => {
    const nowExact = month.totals.find((t) => t.currency === currency)?.[metric] ?? '0';
    const full = lastMonth.totals.find((t) => t.currency === currency)?.[metric];
    let same = ZERO;
    for (const row of lastMonth.rows) {
      const day = row.keys.day;
      if (row.currency === currency && day !== undefined && day < sameDaysEnd) same = add(same, parseDecimal(row[metric] ?? '0'));
    }
    return { currency, nowExact, now: parseDecimal(nowExact), sameDaysLastMonth: same, lastMonth: full ? parseDecimal(full) : ZERO };
  });
}
