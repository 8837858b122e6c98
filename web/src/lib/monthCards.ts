// The overview's cards per currency, from two of the answers the page already needs, so the month's
// rows are scanned once for the cards and the chart together (docs/PERFORMANCE.md "Dashboard"):
// - `month`: the shown month (to date) grouped by provider and day: its totals are the month's;
// - `lastMonth`: the month before grouped by day: its totals are that month in full, and its days
//   before `sameDaysEnd` are "the same days of last month".
// Sums are exact (decimal.ts); currencies are never added together.
import type { CostResponse } from '../api/types';
import { type Decimal, parseDecimal, ZERO } from './decimal';
import type { Metric } from './dimensions';
import { totalsByCurrency } from './money';

export interface MonthCard {
  currency: string;
  /** The month (to date), exactly as the server summed it. */
  nowExact: string;
  now: Decimal;
  sameDaysLastMonth: Decimal;
  lastMonth: Decimal;
}

export function monthCards(month: CostResponse, lastMonth: CostResponse, sameDaysEnd: string, metric: Metric): MonthCard[] {
  const sameDays = totalsByCurrency(lastMonth.rows
    .filter((row) => row.keys.day !== undefined && row.keys.day < sameDaysEnd)
    .map((row) => ({ currency: row.currency, amount: row[metric] ?? '0' })));
  const currencies = new Set([...month.totals, ...lastMonth.totals].map((t) => t.currency));
  return [...currencies].sort().map((currency) => {
    const nowExact = month.totals.find((t) => t.currency === currency)?.[metric] ?? '0';
    const full = lastMonth.totals.find((t) => t.currency === currency)?.[metric];
    return { currency, nowExact, now: parseDecimal(nowExact), sameDaysLastMonth: sameDays.get(currency) ?? ZERO,
      lastMonth: full ? parseDecimal(full) : ZERO };
  });
}
