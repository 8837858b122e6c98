// The audit log: filters (time, actor, action, result) held in the URL, keyset paging ("Load older"
// follows next_cursor), and the Owner's streamed export (CSV or JSON lines, itself audited).
import { useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { api } from '../api/client';
import type { AuditPage } from '../api/types';
import { navigate, useLocation } from '../app/router';
import { Can } from '../app/session';
import { Empty, ErrorBox, Loading } from '../components/States';
import { formatDateTime } from '../lib/dates';

const kFilters = ['from', 'to', 'actor', 'action', 'result'] as const;
type Filters = Record<(typeof kFilters)[number], string>;

/** The API query for a page of the log: only set filters, dates as UTC midnight. */
export function auditSearch(f: Filters, cursor?: string | null, limit = 50): string {
  const q = new URLSearchParams();
  for (const k of kFilters) if (f[k]) q.set(k, f[k]);
  q.set('limit', String(limit));
  if (cursor) q.set('cursor', cursor);
  return `?${q.toString()}`;
}

function summarize(ctx: Record<string, unknown>): string {
  const parts = Object.entries(ctx ?? {}).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  const s = parts.join(' ');
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
}


function AuditPageImpl() {
  const { search } = useLocation();
  const filters = useMemo<Filters>(() => {
    const p = new URLSearchParams(search);
    return Object.fromEntries(kFilters.map((k) => [k, p.get(k) ?? ''])) as Filters;
  }, [search]);
  const [draft, setDraft] = useState<Filters>(filters);
  const q = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => api.get<AuditPage>('/api/v1/audit', { search: auditSearch(filters, pageParam) }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const p = new URLSearchParams();
    for (const k of kFilters) if (draft[k]) p.set(k, draft[k]);
    const s = p.toString();
    navigate(`/audit${s ? `?${s}` : ''}`, true);
  };
  const events = q.data?.pages.flatMap((p) => p.events) ?? [];
  const actions = [...new Set(events.map((e) => e.action))].sort();
  return (
    <div className="audit-page">
      <form className="card controls" onSubmit={apply} aria-label="Audit filters">
        <div className="row wrap">
          <label className="field inline">From<input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} /></label>
          <label className="field inline">To<input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} /></label>
          <label className="field inline">Actor id<input value={draft.actor} maxLength={128} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} /></label>
          <label className="field inline">Action
            <input list="audit-actions" value={draft.action} maxLength={64} placeholder="e.g. api_key.created" onChange={(e) => setDraft({ ...draft, action: e.target.value })} />
            <datalist id="audit-actions">{actions.map((a) => <option key={a} value={a} />)}</datalist>
          </label>
          <label className="field inline">Result
            <select value={draft.result} onChange={(e) => setDraft({ ...draft, result: e.target.value })}>
              <option value="">any</option><option value="success">success</option><option value="denied">denied</option><option value="failed">failed</option>
            </select>
          </label>
          <button type="submit" className="btn btn-primary">Apply</button>
          <button type="button" className="btn" onClick={() => { setDraft({ from: '', to: '', actor: '', action: '', result: '' }); navigate('/audit', true); }}>Clear</button>
        </div>
        <Can permission="audit.export">
          <div className="row wrap">
            <span className="muted small">Export the whole chain (verifiable offline; the export is itself audited):</span>
            <a className="btn btn-small" href="/api/v1/audit/export?format=csv" download>Export CSV</a>
            <a className="btn btn-small" href="/api/v1/audit/export?format=jsonl" download>Export JSON lines</a>
          </div>
        </Can>
      </form>
      {q.isPending && <Loading what="the audit log" />}
      {q.error && <ErrorBox error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && events.length === 0 && <Empty>No audit events match these filters.</Empty>}
      {events.length > 0 && (
        <div className="table-wrap card">
          <table className="data-table" data-testid="audit-table">
            <thead><tr><th scope="col" className="num">Seq</th><th scope="col">Time</th><th scope="col">Action</th><th scope="col">Result</th><th scope="col">Actor</th><th scope="col">Target</th><th scope="col">Source IP</th><th scope="col">Details</th></tr></thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.seq} data-action={e.action}>
                  <td className="num">{e.seq}</td>
                  <td className="nowrap">{formatDateTime(e.time)}</td>
                  <td><code>{e.action}</code></td>
                  <td><span className={`badge result-${e.result}`}>{e.result}</span></td>
                  <td className="small">{e.actor_kind}{e.actor_role ? ` (${e.actor_role})` : ''}<br /><code className="wrap-anywhere">{e.actor_id}</code></td>
                  <td className="small">{e.target_type}<br /><code className="wrap-anywhere">{e.target_id}</code></td>
                  <td className="small">{e.source_ip}</td>
                  <td className="small wrap-anywhere" title={`request ${e.request_id}`}>{summarize(e.context)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {q.hasNextPage && (
        <button type="button" className="btn" disabled={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()}>
          {q.isFetchingNextPage ? 'Loading…' : 'Load older events'}
        </button>
      )}
    </div>
  );
}

export { AuditPageImpl as AuditPage };
