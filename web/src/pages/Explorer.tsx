// The cost explorer: group-by and filter pickers over every dimension (tags included), the grain,
// the date range, a stacked chart per currency and the table of the same numbers, CSV download.
// The page URL holds the whole query (lib/costQuery.ts), so a view is shared by its address.
import { useMemo, useState } from 'react';
import { useCosts, useDimensionValues } from '../api/costs';
import { navigate, useLocation } from '../app/router';
import { useThemeValue } from '../app/App';
import { StackedChart } from '../components/Chart';
import { PivotTable } from '../components/PivotTable';
import { Empty, ErrorBox, Loading } from '../components/States';
import { costApiSearch, explorerCalls, explorerSearch, type ExplorerQuery, kMaxSeries, parseExplorerSearch } from '../lib/costQuery';
import { toCsv, downloadText } from '../lib/csv';
import { addDays, addMonths, buckets, monthStart, todayUtc } from '../lib/dates';
import { toNumber, toPlainString } from '../lib/decimal';
import { DIMENSIONS, dimensionLabel, type Grain, type Metric, METRIC_LABELS, METRICS } from '../lib/dimensions';
import { pivot, seriesLabel } from '../lib/pivot';

function DimensionSelect({ value, onChange, label, allowNone }: {
  value: string | null; onChange: (v: string | null) => void; label: string; allowNone: boolean;
}) {
  const isTag = value?.startsWith('tag:') ?? false;
  const [tagKey, setTagKey] = useState(isTag ? value!.slice(4) : '');
  return (
    <div className="field inline">
      <label>
        {label}
        <select
          value={isTag ? 'tag:' : (value ?? '')}
          onChange={(e) => {
            const v = e.target.value;
            if (v === 'tag:') onChange(tagKey ? `tag:${tagKey}` : 'tag:');
            else onChange(v === '' ? null : v);
          }}
        >
          {allowNone && <option value="">(none)</option>}
          {DIMENSIONS.map((d) => <option key={d.name} value={d.name}>{d.label}</option>)}
          <option value="tag:">Tag…</option>
        </select>
      </label>
      {isTag && (
        <label>
          Tag key
          <input
            value={tagKey}
            placeholder="team"
            maxLength={128}
            onChange={(e) => setTagKey(e.target.value.trim())}
            onBlur={() => tagKey && onChange(`tag:${tagKey}`)}
            onKeyDown={(e) => { if (e.key === 'Enter' && tagKey) { e.preventDefault(); onChange(`tag:${tagKey}`); } }}
          />
        </label>
      )}
    </div>
  );
}

function FilterEditor({ query, update }: { query: ExplorerQuery; update: (q: Partial<ExplorerQuery>) => void }) {
  const [dim, setDim] = useState<string | null>(null);
  const [value, setValue] = useState('');
  const values = useDimensionValues(dim && !dim.endsWith(':') ? dim : null, query);
  const add = () => {
    if (!dim || dim.endsWith(':')) return;
    const filters = query.filters.map(([d, v]) => [d, [...v]] as [string, string[]]);
    const existing = filters.find(([d]) => d === dim);
    if (existing) { if (!existing[1].includes(value)) existing[1].push(value); } else filters.push([dim, [value]]);
    update({ filters });
    setValue('');
  };
  const remove = (d: string, v: string) => {
    update({ filters: query.filters.map(([k, vs]) => [k, k === d ? vs.filter((x) => x !== v) : vs] as [string, string[]]).filter(([, vs]) => vs.length > 0) });
  };
  return (
    <fieldset className="filters">
      <legend>Filters</legend>
      <ul className="chips" aria-label="Active filters">
        {query.filters.flatMap(([d, vs]) => vs.map((v) => (
          <li key={`${d}=${v}`} className="chip">
            <span>{dimensionLabel(d)} = {v === '' ? '(none)' : v}</span>
            <button type="button" aria-label={`Remove filter ${dimensionLabel(d)} = ${v}`} onClick={() => remove(d, v)}>×</button>
          </li>
        )))}
        {query.filters.length === 0 && <li className="muted">No filters: every row in the range.</li>}
      </ul>
      <div className="row wrap">
        <DimensionSelect label="Dimension" value={dim} onChange={setDim} allowNone />
        <label className="field inline">
          Value
          <input list="filter-values" value={value} onChange={(e) => setValue(e.target.value)} disabled={!dim}
            placeholder={values.isFetching ? 'loading values…' : 'a value (empty: none)'} />
          <datalist id="filter-values">
            {(values.data?.values ?? []).map((v) => <option key={v} value={v} />)}
          </datalist>
        </label>
        <button type="button" className="btn" onClick={add} disabled={!dim || dim.endsWith(':')}>Add filter</button>
      </div>
      {values.data?.truncated && <p className="hint">Showing the first {values.data.values.length} values; type to pick another.</p>}
    </fieldset>
  );
}

export function ExplorerPage() {
  const { search } = useLocation();
  const { dark } = useThemeValue();
  const query = useMemo(() => parseExplorerSearch(search), [search]);
  const update = (patch: Partial<ExplorerQuery>) => navigate(`/explorer${explorerSearch({ ...query, ...patch })}`, true);

  const first = explorerCalls(query);
  const seriesQ = useCosts(first.series ? costApiSearch(query, first.series) : null);
  const topValues = useMemo(() => {
    if (!seriesQ.data || !query.groupBy) return undefined;
    return [...new Set(seriesQ.data.rows.map((r) => r.keys[query.groupBy!] ?? ''))];
  }, [seriesQ.data, query.groupBy]);
  const calls = explorerCalls(query, topValues);
  const cellsQ = useCosts(calls.buckets && topValues && topValues.length > 0 ? costApiSearch(query, calls.buckets) : null);
  const totalsQ = useCosts(costApiSearch(query, calls.totals));

  const labels = useMemo(() => (query.grain ? buckets(query.from, query.to, query.grain) : ['Total']), [query]);
  const waiting = totalsQ.isPending || (first.series && seriesQ.isPending) || (calls.buckets && topValues && topValues.length > 0 && cellsQ.isPending);
  const error = totalsQ.error ?? seriesQ.error ?? cellsQ.error;
  const pivots = useMemo(() => {
    if (waiting || error || !totalsQ.data) return null;
    return pivot({ metric: query.metric, groupBy: query.groupBy, grain: query.grain, buckets: labels,
      top: seriesQ.data, cells: cellsQ.data, totals: totalsQ.data });
  }, [waiting, error, totalsQ.data, seriesQ.data, cellsQ.data, query, labels]);

  const today = todayUtc();
  const ranges: [string, string, string][] = [
    ['This month', monthStart(today), addDays(today, 1)],
    ['Last month', addMonths(today, -1), monthStart(today)],
    ['Last 30 days', addDays(today, -29), addDays(today, 1)],
    ['Last 3 months', addMonths(today, -2), addDays(today, 1)],
  ];
  const groupLabel = query.groupBy ? dimensionLabel(query.groupBy) : 'Series';

  const downloadCsv = () => {
    if (!pivots) return;
    const rows: string[][] = [['currency', query.groupBy ?? 'series', 'total', ...(query.grain ? labels : [])]];
    for (const p of pivots) for (const s of p.series) {
      rows.push([p.currency, seriesLabel(s.key), toPlainString(s.total), ...(query.grain ? s.cells.map(toPlainString) : [])]);
    }
    downloadText(`finguard-costs-${query.from}-${query.to}.csv`, toCsv(rows));
  };

  return (
    <div className="explorer">
      <form className="card controls" onSubmit={(e) => e.preventDefault()} aria-label="Query">
        <div className="row wrap">
          <label className="field inline">
            From
            <input type="date" value={query.from} max={addDays(query.to, -1)} required
              onChange={(e) => e.target.value && update({ from: e.target.value, to: query.to > e.target.value ? query.to : addDays(e.target.value, 1) })} />
          </label>
          <label className="field inline">
            To (inclusive)
            <input type="date" value={addDays(query.to, -1)} min={query.from} required
              onChange={(e) => e.target.value && update({ to: addDays(e.target.value, 1) })} />
          </label>
          <div className="quick-ranges" role="group" aria-label="Quick ranges">
            {ranges.map(([label, from, to]) => (
              <button key={label} type="button" className="btn btn-small" aria-pressed={query.from === from && query.to === to}
                onClick={() => update({ from, to })}>{label}</button>
            ))}
          </div>
        </div>
        <div className="row wrap">
          <DimensionSelect label="Group by" value={query.groupBy} allowNone onChange={(g) => update({ groupBy: g && g !== 'tag:' ? g : g === null ? null : query.groupBy })} />
          <label className="field inline">
            Grain
            <select value={query.grain ?? ''} onChange={(e) => update({ grain: (e.target.value || null) as Grain | null })}>
              <option value="day">Day</option>
              <option value="month">Month</option>
              <option value="">None (totals)</option>
            </select>
          </label>
          <label className="field inline">
            Metric
            <select value={query.metric} onChange={(e) => update({ metric: e.target.value as Metric })}>
              {METRICS.map((m) => <option key={m} value={m}>{METRIC_LABELS[m]}</option>)}
            </select>
          </label>
          <label className="field inline">
            Series
            <input type="number" min={1} max={kMaxSeries} value={query.series}
              onChange={(e) => { const n = Number(e.target.value); if (n >= 1 && n <= kMaxSeries) update({ series: n }); }} />
          </label>
          <div className="segmented" role="group" aria-label="Chart type">
            <button type="button" className="btn btn-small" aria-pressed={query.chart === 'area'} onClick={() => update({ chart: 'area' })}>Area</button>
            <button type="button" className="btn btn-small" aria-pressed={query.chart === 'bar'} onClick={() => update({ chart: 'bar' })}>Bars</button>
          </div>
        </div>
        <FilterEditor query={query} update={update} />
      </form>

      {waiting && <Loading what="costs" />}
      {error && <ErrorBox error={error} onRetry={() => { void totalsQ.refetch(); void seriesQ.refetch(); void cellsQ.refetch(); }} />}
      {pivots && pivots.length === 0 && (
        <Empty>No costs match this range and these filters. Try a wider range, or upload data on the Data page.</Empty>
      )}
      {pivots && pivots.length > 0 && (
        <>
          <div className="row end">
            <button type="button" className="btn" onClick={downloadCsv}>Download CSV</button>
          </div>
          {pivots.map((p) => (
            <section key={p.currency} className="card" aria-labelledby={`cur-${p.currency}`} data-testid={`currency-${p.currency}`}>
              <h2 id={`cur-${p.currency}`}>{METRIC_LABELS[query.metric]} in {p.currency}</h2>
              {query.grain && (
                <StackedChart kind={query.chart} labels={p.buckets} currency={p.currency} dark={dark}
                  title={`${METRIC_LABELS[query.metric]} in ${p.currency} by ${query.grain}${query.groupBy ? ` and ${groupLabel}` : ''}`}
                  series={p.series.map((s) => ({ name: seriesLabel(s.key), values: s.cells.map(toNumber) }))} />
              )}
              <PivotTable pivot={p} groupLabel={groupLabel} caption={`${METRIC_LABELS[query.metric]} in ${p.currency}`} />
            </section>
          ))}
        </>
      )}
    </div>
  );
}
