// Turns GET /api/v1/costs rows into what the explorer draws and tables: per currency, one series
// per group value with one exact amount per time bucket, an "Other" series for everything outside
// the top N (bucket total − top series, exactly), and per-series and per-bucket totals. Currencies
// are kept apart from start to end.
import type { CostResponse, CostRow, CostSums } from '../api/types';
import { add, compare, type Decimal, parseDecimal, sub, ZERO } from './decimal';
import { bucketOf } from './dates';

export const OTHER = '__other__';
export const NONE_LABEL = '(none)';

export interface PivotSeries {
  key: string; // the group value ('' for null), or OTHER
  cells: Decimal[]; // one per bucket
  total: Decimal;
}

export interface CurrencyPivot {
  currency: string;
  buckets: string[];
  series: PivotSeries[];
  bucketTotals: Decimal[];
  total: Decimal; // equals the API's total for the currency
}

function amount(row: CostSums, metric: string): Decimal {
  const v = (row as unknown as Record<string, unknown>)[metric];
  return typeof v === 'string' ? parseDecimal(v) : ZERO;
}

/**
 * @param metric   the sum shown (billed_cost, ...)
 * @param groupBy  the series dimension, or null
 * @param grain    the time grain, or null (then there is one bucket, "Total")
 * @param buckets  the bucket labels to show (every day or month of the range)
 * @param top      GET /costs grouped by the series dimension alone (its order is the series order)
 * @param cells    GET /costs grouped by (series dimension, grain), filtered to the top values
 * @param totals   GET /costs grouped by the grain alone (or not grouped): the whole, for "Other"
 */
export function pivot(args: {
  metric: string;
  groupBy: string | null;
  grain: 'day' | 'month' | null;
  buckets: string[];
  top?: CostResponse;
  cells?: CostResponse;
  totals: CostResponse;
}): CurrencyPivot[] {
  const { metric, groupBy, grain } = args;
  const labels = grain ? args.buckets : ['Total'];
  const index = new Map(labels.map((b, i) => [b, i]));
  const bucketOfRow = (r: CostRow): number | undefined =>
    grain ? index.get(bucketOf(r.keys[grain] ?? '', grain)) : 0;
  const currencies = [...new Set(args.totals.totals.map((t) => t.currency))].sort();
  return currencies.map((currency) => {
    const bucketTotals = labels.map(() => ZERO);
    for (const r of args.totals.rows) {
      if (r.currency !== currency) continue;
      const i = bucketOfRow(r);
      if (i !== undefined) bucketTotals[i] = add(bucketTotals[i]!, amount(r, metric));
    }
    const totalRow = args.totals.totals.find((t) => t.currency === currency);
    const total = totalRow ? amount(totalRow, metric) : ZERO;
    const series: PivotSeries[] = [];
    if (groupBy && args.top) {
      const keys = [...new Set(args.top.rows.filter((r) => r.currency === currency).map((r) => r.keys[groupBy] ?? ''))];
      const byKey = new Map<string, PivotSeries>();
      for (const k of keys) {
        const s = { key: k, cells: labels.map(() => ZERO), total: ZERO };
        byKey.set(k, s);
        series.push(s);
      }
      const source = grain ? args.cells : args.top;
      for (const r of source?.rows ?? []) {
        if (r.currency !== currency) continue;
        const s = byKey.get(r.keys[groupBy] ?? '');
        const i = bucketOfRow(r);
        if (!s || i === undefined) continue;
        const a = amount(r, metric);
        s.cells[i] = add(s.cells[i]!, a);
        s.total = add(s.total, a);
      }
      const other: PivotSeries = { key: OTHER, cells: labels.map(() => ZERO), total: ZERO };
      for (let i = 0; i < labels.length; i++) {
        let shown = ZERO;
        for (const s of series) shown = add(shown, s.cells[i]!);
        other.cells[i] = sub(grain ? bucketTotals[i]! : total, shown);
      }
      let shownTotal = ZERO;
      for (const s of series) shownTotal = add(shownTotal, s.total);
      other.total = sub(total, shownTotal);
      if (compare(other.total, ZERO) !== 0 || other.cells.some((c) => compare(c, ZERO) !== 0)) series.push(other);
    } else {
      series.push({ key: 'Total', cells: grain ? bucketTotals : [total], total });
    }
    return { currency, buckets: labels, series, bucketTotals: grain ? bucketTotals : [total], total };
  });
}

export function seriesLabel(key: string): string {
  if (key === OTHER) return 'Other';
  return key === '' ? NONE_LABEL : key;
}
