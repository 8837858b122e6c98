// The overview: month-to-date spend per currency against last month, the top services, accounts and
// regions, spend by day stacked by provider, and the last ingests. Each cost call asks only for the
// billed-cost sum it shows, and the month is scanned once for both the cards and the chart (five calls).
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../api/client';
import { useCosts } from '../api/costs';
import type { Answer } from '../api/types';
import { useThemeValue } from '../app/App';
import { navigate, useLocation } from '../app/router';
import { useSession } from '../app/session';
import { StackedChart } from '../components/Chart';
import { Link } from '../components/Link';
import { Empty, ErrorBox, Loading, QueryState } from '../components/States';
import { costApiSearch, explorerSearch, defaultQuery } from '../lib/costQuery';
import { addDays, addMonths, buckets, formatDateTime, todayUtc } from '../lib/dates';
import { toNumber } from '../lib/decimal';
import { formatMoney, percentChange } from '../lib/money';
import { monthCards } from '../lib/monthCards';
import { pivot, seriesLabel } from '../lib/pivot';

const kMetric = 'billed_cost' as const;

/** The month shown (?month=YYYY-MM, default the current UTC month) and its ranges. */
export function overviewRanges(search: string, now: Date = new Date()) {
  const today = todayUtc(now);
  const m = new URLSearchParams(search).get('month');
  const month = m && /^\d{4}-(0[1-9]|1[0-2])$/.test(m) ? m : today.slice(0, 7);
  const start = `${month}-01`;
  const next = addMonths(start, 1);
  const current = today.slice(0, 7) === month;
  const end = current ? addDays(today, 1) : next; // month to date, or the whole past month
  const prev = addMonths(start, -1);
  const elapsedDays = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000);
  const prevSame = addDays(prev, elapsedDays) < start ? addDays(prev, elapsedDays) : start;
  return { month, start, end, next, prev, prevSame, current };
}

function TopList({ title, dim, range, explorerGroup }: { title: string; dim: string; range: { from: string; to: string }; explorerGroup: string }) {
  const q = useCosts(costApiSearch({ ...range, metric: kMetric }, { groupBy: [dim], filters: [], top: 5 }));
  const link = `/explorer${explorerSearch({ ...defaultQuery(), from: range.from, to: range.to, groupBy: explorerGroup, grain: null })}`;
  return (
    <section className="card" aria-labelledby={`top-${dim}`}>
      <h2 id={`top-${dim}`}>{title}</h2>
      <QueryState query={q} what={title.toLowerCase()}>
        {(data) => data.rows.length === 0 ? <Empty>No costs this month.</Empty> : (
          <ol className="top-list" data-testid={`top-${dim}`}>
            {data.rows.map((r) => (
              <li key={`${r.currency}-${r.keys[dim]}`}>
                <span className="top-name">{r.keys[dim] || '(none)'}</span>
                <span className="num">{formatMoney(r[kMetric] ?? '0', r.currency)}</span>
              </li>
            ))}
          </ol>
        )}
      </QueryState>
      <Link href={link} className="small">Open in the explorer</Link>
    </section>
  );
}

function LastIngests() {
  const jobs = useQuery({
    queryKey: ['jobs', 'ingest.upload', 5],
    queryFn: () => api.get<Answer<'listJobs'>>('/api/v1/jobs', { search: '?kind=ingest.upload&limit=5' }),
    refetchInterval: 15_000,
  });
  return (
    <section className="card" aria-labelledby="last-ingests">
      <h2 id="last-ingests">Last ingests</h2>
      <QueryState query={jobs} what="ingests">
        {(data) => data.jobs.length === 0 ? <Empty>No uploads yet. <Link href="/data">Upload a FOCUS file</Link>.</Empty> : (
          <ul className="ingest-list">
            {data.jobs.map((j) => (
              <li key={j.id}>
                <span className={`badge status-${j.status}`}>{j.status}</span>
                <Link href={`/data?job=${encodeURIComponent(j.id)}`}>{formatDateTime(j.created_at)}</Link>
                {j.last_error && <span className="muted small"> {j.last_error}</span>}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}

export function OverviewPage() {
  const { search } = useLocation();
  const { can } = useSession();
  const { dark } = useThemeValue();
  const r = useMemo(() => overviewRanges(search), [search]);
  // The month by provider and day (the chart; its totals are the cards' month to date), and last
  // month by day (its totals, and its days before prevSame for the comparison): at most 31 rows per
  // currency, well inside top=1000.
  const daily = useCosts(costApiSearch({ from: r.start, to: r.end, metric: kMetric }, { groupBy: ['provider', 'day'], filters: [], top: 1000 }));
  const lastMonth = useCosts(costApiSearch({ from: r.prev, to: r.start, metric: kMetric }, { groupBy: ['day'], filters: [], top: 1000 }));
  const labels = useMemo(() => buckets(r.start, r.end, 'day'), [r]);
  const dailyPivot = useMemo(() => daily.data ? pivot({ metric: kMetric, groupBy: 'provider_name', grain: 'day', buckets: labels, top: daily.data, cells: daily.data, totals: daily.data }) : [], [daily.data, labels]);

  const cards = useMemo(() => daily.data && lastMonth.data ? monthCards(daily.data, lastMonth.data, r.prevSame, kMetric) : null,
    [daily.data, lastMonth.data, r.prevSame]);
  const lastMonthKey = r.prev.slice(0, 7);

  return (
    <div className="overview">
      <div className="row wrap">
        <label className="field inline">
          Month
          <input type="month" value={r.month} max={todayUtc().slice(0, 7)}
            onChange={(e) => e.target.value && navigate(`/?month=${e.target.value}`, true)} />
        </label>
        <span className="muted small">
          {r.current ? `Month to date: ${r.start} to ${addDays(r.end, -1)} (UTC)` : `${r.start} to ${addDays(r.next, -1)} (UTC)`}
        </span>
      </div>
      <section className="cards" aria-label="Spend per currency">
        {(daily.isPending || lastMonth.isPending) && <Loading what="month to date" />}
        {(daily.error || lastMonth.error) && <ErrorBox error={daily.error ?? lastMonth.error} onRetry={() => { void daily.refetch(); void lastMonth.refetch(); }} />}
        {cards && cards.length === 0 && (
          <Empty>No costs in {r.month} or the month before. {can('ingest.run') ? <Link href="/data">Upload a FOCUS file</Link> : 'Ask an administrator to ingest data.'}</Empty>
        )}
        {cards?.map((c) => {
          const change = percentChange(c.now, c.sameDaysLastMonth);
          return (
            <article key={c.currency} className="card kpi" data-testid={`mtd-${c.currency}`}>
              <h2>{r.current ? 'Month to date' : r.month} · {c.currency}</h2>
              <p className="kpi-value" data-exact={c.nowExact}>{formatMoney(c.now, c.currency)}</p>
              <p className="muted">
                {change ? <span className={change.startsWith('+') ? 'up' : change.startsWith('-') ? 'down' : ''}>{change}</span> : '—'} against the same days of {lastMonthKey} ({formatMoney(c.sameDaysLastMonth, c.currency)})
              </p>
              <p className="muted small">{lastMonthKey} in full: {formatMoney(c.lastMonth, c.currency)}</p>
            </article>
          );
        })}
      </section>

      <section className="card" aria-labelledby="by-day">
        <h2 id="by-day">Spend by day, by provider</h2>
        {daily.isPending && <Loading what="daily spend" />}
        {daily.error && <ErrorBox error={daily.error} onRetry={() => void daily.refetch()} />}
        {daily.data && dailyPivot.length === 0 && <Empty>No costs in {r.month}.</Empty>}
        {dailyPivot.map((p) => (
          <div key={p.currency}>
            <h3>{p.currency}</h3>
            <StackedChart kind="bar" labels={p.buckets} currency={p.currency} dark={dark} title={`Billed cost in ${p.currency} by day and provider`}
              series={p.series.map((s) => ({ name: seriesLabel(s.key), values: s.cells.map(toNumber) }))} />
          </div>
        ))}
      </section>

      <div className="grid-3">
        <TopList title="Top services" dim="service_name" explorerGroup="service_name" range={{ from: r.start, to: r.end }} />
        <TopList title="Top accounts" dim="billing_account_name" explorerGroup="billing_account_name" range={{ from: r.start, to: r.end }} />
        <TopList title="Top regions" dim="region_id" explorerGroup="region_id" range={{ from: r.start, to: r.end }} />
      </div>
      {can('jobs.read') && <LastIngests />}
    </div>
  );
}

