// The cost explorer's query: parsed from and written to the page URL (so a view can be shared), and
// turned into the GET /api/v1/costs calls behind the chart and the table. The calls ask only for the
// one sum they show (`sums=`), so the store reads one money column.
import { type Grain, GRAINS, isDimension, type Metric, METRICS } from './dimensions';
import { addDays, isIsoDate, monthStart, todayUtc } from './dates';

export type ChartKind = 'area' | 'bar';

export interface ExplorerQuery {
  from: string; // YYYY-MM-DD, inclusive
  to: string; // YYYY-MM-DD, exclusive
  groupBy: string | null; // one dimension for the series, or none
  grain: Grain | null; // time buckets, or none (one total per series)
  filters: [string, string[]][]; // dimension -> allowed values (IN), in URL order
  metric: Metric;
  chart: ChartKind;
  series: number; // the top N series shown; the rest is "Other"
}

export const kMaxSeries = 25;

export function defaultQuery(now: Date = new Date()): ExplorerQuery {
  const today = todayUtc(now);
  return {
    from: monthStart(today),
    to: addDays(today, 1),
    groupBy: 'service_name',
    grain: 'day',
    filters: [],
    metric: 'billed_cost',
    chart: 'area',
    series: 10,
  };
}

/** Reads the query from a page URL's search part; anything invalid falls back to the default. */
export function parseExplorerSearch(search: string, now: Date = new Date()): ExplorerQuery {
  const p = new URLSearchParams(search);
  const q = defaultQuery(now);
  const from = p.get('from');
  const to = p.get('to');
  if (from && isIsoDate(from)) q.from = from;
  if (to && isIsoDate(to)) q.to = to;
  if (q.from >= q.to) q.to = addDays(q.from, 1);
  const group = p.get('group_by');
  if (group !== null) q.groupBy = group === '' ? null : isDimension(group) ? group : q.groupBy;
  const grain = p.get('grain');
  if (grain !== null) q.grain = (GRAINS as readonly string[]).includes(grain) ? (grain as Grain) : null;
  const metric = p.get('metric');
  if (metric && (METRICS as readonly string[]).includes(metric)) q.metric = metric as Metric;
  if (p.get('chart') === 'bar') q.chart = 'bar';
  const series = Number(p.get('series'));
  if (Number.isInteger(series) && series >= 1 && series <= kMaxSeries) q.series = series;
  const filters = new Map<string, string[]>();
  for (const [k, v] of p.entries()) {
    const m = /^filter\[(.+)\]$/.exec(k);
    if (!m || !m[1] || !isDimension(m[1])) continue;
    const list = filters.get(m[1]) ?? [];
    if (!list.includes(v)) list.push(v);
    filters.set(m[1], list);
  }
  q.filters = [...filters.entries()];
  return q;
}

/** The page URL's search part for a query (stable order, so equal queries give equal URLs). */
export function explorerSearch(q: ExplorerQuery): string {
  const p = new URLSearchParams();
  p.set('from', q.from);
  p.set('to', q.to);
  p.set('group_by', q.groupBy ?? '');
  p.set('grain', q.grain ?? '');
  for (const [dim, values] of q.filters) for (const v of values) p.append(`filter[${dim}]`, v);
  p.set('metric', q.metric);
  p.set('chart', q.chart);
  p.set('series', String(q.series));
  return `?${p.toString()}`;
}

export interface CostCall {
  groupBy: string[];
  filters: [string, string[]][];
  top: number;
}

/** The API query string of one call: range, filters, grouping and only the metric's sum. */
export function costApiSearch(q: Pick<ExplorerQuery, 'from' | 'to' | 'metric'>, call: CostCall): string {
  const p = new URLSearchParams();
  p.set('from', q.from);
  p.set('to', q.to);
  if (call.groupBy.length > 0) p.set('group_by', call.groupBy.join(','));
  for (const [dim, values] of call.filters) for (const v of values) p.append(`filter[${dim}]`, v);
  p.set('metric', q.metric);
  p.set('sums', q.metric);
  p.set('top', String(call.top));
  return `?${p.toString()}`;
}

/**
 * The calls behind an explorer view:
 *  - `series`: the top N values of the group-by dimension over the range (per currency);
 *  - `buckets`: those values × the time grain (filtered to them), for the chart and the table;
 *  - `totals`: the grain alone (or nothing), so "Other" = bucket total − the top series, exactly.
 * Without a group-by only `totals` is needed; without a grain `series` carries the numbers.
 */
export function explorerCalls(q: ExplorerQuery, topValues?: string[]): {
  series?: CostCall;
  buckets?: CostCall;
  totals: CostCall;
} {
  const grain = q.grain ? [q.grain] : [];
  const totals: CostCall = { groupBy: grain, filters: q.filters, top: 1000 };
  if (!q.groupBy) return { totals };
  const series: CostCall = { groupBy: [q.groupBy], filters: q.filters, top: q.series };
  if (!q.grain || !topValues) return { series, totals };
  const narrowed = q.filters.filter(([d]) => d !== q.groupBy);
  const own = q.filters.find(([d]) => d === q.groupBy)?.[1];
  const values = own ? topValues.filter((v) => own.includes(v)) : topValues;
  const buckets: CostCall = {
    groupBy: [q.groupBy, q.grain],
    filters: [...narrowed, [q.groupBy, values]],
    top: 1000,
  };
  return { series, buckets, totals };
}
