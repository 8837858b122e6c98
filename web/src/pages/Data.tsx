// Data: upload a cost file, FOCUS or a native export (streamed, with progress), follow its job, read the ingest summary
// (rows, errors by rule with line numbers, the quarantine report), and retry a dead job.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api, pathOf, type UploadFormat, type UploadProgress, uploadFile } from '../api/client';
import type { Answer, Job, Upload } from '../api/types';
import { navigate, useLocation } from '../app/router';
import { Can, useSession } from '../app/session';
import { Empty, ErrorBox, QueryState } from '../components/States';
import { formatDateTime } from '../lib/dates';
import { formatMoney } from '../lib/money';

const kStatuses = ['', 'queued', 'running', 'succeeded', 'failed', 'dead'] as const;

// The formats the server reads (docs/FORMATS.md "Choosing the format"), in the order of the list.
const kFormats: { value: UploadFormat; label: string }[] = [
  { value: 'auto', label: 'Detect from the header' },
  { value: 'focus', label: 'FOCUS' },
  { value: 'aws-cur', label: 'AWS Cost and Usage Report (legacy or CUR 2.0)' },
  { value: 'azure-actual', label: 'Azure cost details, actual cost' },
  { value: 'azure-amortized', label: 'Azure cost details, amortized cost' },
  { value: 'gcp-billing', label: 'Google Cloud billing export' },
];

function bytes(n: number): string {
  if (n >= 1 << 30) return `${(n / (1 << 30)).toFixed(1)} GiB`;
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KiB`;
  return `${n} B`;
}

function UploadForm({ onUploaded }: { onUploaded: (jobId: string) => void }) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [source, setSource] = useState('');
  const [mode, setMode] = useState<'strict' | 'lenient'>('strict');
  const [format, setFormat] = useState<UploadFormat>('auto');
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) return;
    setBusy(true);
    setError(null);
    setProgress({ loaded: 0, total: file.size });
    try {
      const r = await uploadFile(file, { source: source.trim() || undefined, mode, format }, setProgress);
      void qc.invalidateQueries({ queryKey: ['jobs'] });
      if (fileRef.current) fileRef.current.value = '';
      onUploaded(r.job_id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const pct = progress && progress.total > 0 ? Math.round((100 * progress.loaded) / progress.total) : 0;
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="upload-title" data-mutation="upload">
      <h2 id="upload-title">Upload a cost file</h2>
      <div className="row wrap">
        <label className="field inline">
          File (.csv, .csv.gz, .csv.zst)
          <input ref={fileRef} type="file" accept=".csv,.gz,.zst,text/csv" required name="file" />
        </label>
        <label className="field inline">
          Source
          <input value={source} onChange={(e) => setSource(e.target.value)} maxLength={128} placeholder="the file name" />
        </label>
        <label className="field inline">
          Format
          <select value={format} onChange={(e) => setFormat(e.target.value as UploadFormat)} name="format">
            {kFormats.map((f) => <option key={f.value} value={f.value}>{f.label}</option>)}
          </select>
        </label>
        <label className="field inline">
          Mode
          <select value={mode} onChange={(e) => setMode(e.target.value as 'strict' | 'lenient')}>
            <option value="strict">Strict: reject the file on any error</option>
            <option value="lenient">Lenient: repair known layouts, quarantine bad rows</option>
          </select>
        </label>
        <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Uploading…' : 'Upload'}</button>
      </div>
      <p className="hint">A new upload of the same source replaces that source's billing periods once its job succeeds.</p>
      {progress && (
        <div className="progress-line">
          <progress max={100} value={pct} aria-label="Upload progress" />
          <span>{pct}% ({bytes(progress.loaded)} of {bytes(progress.total)})</span>
        </div>
      )}
      {error !== null && <ErrorBox error={error} />}
    </form>
  );
}

function UploadDetails({ uploadId, jobId }: { uploadId: string; jobId: string }) {
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['upload', uploadId],
    queryFn: () => api.get<Upload>(pathOf('/api/v1/ingest/{upload_id}', { upload_id: uploadId })),
    refetchInterval: (query) => (query.state.data?.status === 'pending' ? 1000 : false),
  });
  const status = q.data?.status;
  // The job panel polls on its own clock: once the upload is over, refresh it now so the two agree.
  useEffect(() => {
    if (status && status !== 'pending') void qc.invalidateQueries({ queryKey: ['job', jobId] });
  }, [status, jobId, qc]);
  return (
    <QueryState query={q} what="the upload">
      {(u) => (
        <div className="upload-details" data-testid="upload-details" data-status={u.status}>
          <dl className="facts">
            <dt>Source</dt><dd>{u.source}</dd>
            <dt>Status</dt><dd><span className={`badge status-${u.status}`}>{u.status}</span></dd>
            <dt>Mode</dt><dd>{u.mode}</dd>
            <dt>Format</dt>
            <dd data-testid="upload-format">
              {u.summary ? <>{u.summary.format}{u.format === 'auto' ? ' (detected)' : ''}</> : u.format}
            </dd>
            <dt>Size</dt><dd>{bytes(u.size_bytes)}</dd>
            <dt>SHA-256</dt><dd><code className="wrap-anywhere">{u.sha256}</code></dd>
            <dt>Uploaded</dt><dd>{formatDateTime(u.created_at)}</dd>
            <dt>Finished</dt><dd>{formatDateTime(u.finished_at)}</dd>
            {u.summary && (
              <>
                <dt>Rows read</dt><dd data-testid="rows-read">{u.summary.rows_read}</dd>
                <dt>Rows ingested</dt><dd data-testid="rows-ingested">{u.summary.rows_ingested}</dd>
                <dt>Rows quarantined</dt><dd>{u.summary.rows_quarantined}</dd>
                <dt>Billing periods</dt><dd>{(u.summary.billing_periods ?? []).join(', ') || '—'}</dd>
                <dt>Billed cost</dt>
                <dd>{u.summary.billed_cost_by_currency.map((c) => formatMoney(c.billed_cost, c.currency)).join(' · ') || '—'}</dd>
              </>
            )}
          </dl>
          {u.error && <p className="error-message" role="alert">{u.error}</p>}
          {u.summary?.validation_stopped && (
            <p className="muted" data-testid="validation-stopped">Validation stopped early: the file has too many rows with errors. The findings below are from its first rows.</p>
          )}
          {u.summary?.quarantine_truncated && (
            <p className="muted" data-testid="quarantine-truncated">The quarantine report lists the first {u.summary.quarantine_lines} of {u.summary.rows_quarantined} quarantined rows.</p>
          )}
          {u.summary?.findings && u.summary.findings.length > 0 && (
            <div className="table-wrap">
              <table className="data-table">
                <caption>Findings by rule</caption>
                <thead><tr><th scope="col">Rule</th><th scope="col">Column</th><th scope="col">Severity</th><th scope="col" className="num">Rows</th><th scope="col">First lines</th></tr></thead>
                <tbody>
                  {u.summary.findings.map((f, i) => (
                    <tr key={`${f.rule}-${f.column}-${i}`}>
                      <td><code>{f.rule}</code></td><td>{f.column || '—'}</td>
                      <td><span className={`badge sev-${f.severity}`}>{f.severity}</span></td>
                      <td className="num">{f.count}</td><td>{f.lines.join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {u.summary?.quarantine_sample && u.summary.quarantine_sample.length > 0 && (
            <div className="table-wrap">
              <table className="data-table">
                <caption>Quarantined rows (sample)</caption>
                <thead><tr><th scope="col" className="num">Line</th><th scope="col">Reason</th></tr></thead>
                <tbody>{u.summary.quarantine_sample.map((q2) => <tr key={q2.line}><td className="num">{q2.line}</td><td>{q2.reason}</td></tr>)}</tbody>
              </table>
            </div>
          )}
          {u.summary?.quarantine_report && (
            <a className="btn" href={`${pathOf('/api/v1/ingest/{upload_id}/quarantine', { upload_id: u.id })}`} download>
              Download the quarantine report (CSV)
            </a>
          )}
        </div>
      )}
    </QueryState>
  );
}

function JobDetails({ id }: { id: string }) {
  const { can } = useSession();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['job', id],
    queryFn: () => api.get<Job>(pathOf('/api/v1/jobs/{id}', { id })),
    refetchInterval: (query) => (['queued', 'running', 'failed'].includes(query.state.data?.status ?? '') ? 1000 : false),
  });
  const retry = useMutation({
    mutationFn: () => api.post<Job>(pathOf('/api/v1/jobs/{id}/retry', { id })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['job', id] });
      void qc.invalidateQueries({ queryKey: ['jobs'] });
    },
  });
  return (
    <section className="card" aria-labelledby="job-title" data-testid="job-details">
      <div className="row">
        <h2 id="job-title">Job</h2>
        <span className="topbar-spacer" />
        <button type="button" className="btn btn-small" onClick={() => navigate('/data', true)}>Close</button>
      </div>
      <QueryState query={q} what="the job">
        {(j) => (
          <>
            <dl className="facts">
              <dt>Kind</dt><dd><code>{j.kind}</code></dd>
              <dt>Status</dt><dd><span className={`badge status-${j.status}`} data-testid="job-status">{j.status}</span></dd>
              <dt>Attempts</dt><dd>{j.attempts} of {j.max_attempts}</dd>
              <dt>Created</dt><dd>{formatDateTime(j.created_at)}</dd>
              <dt>Finished</dt><dd>{formatDateTime(j.finished_at)}</dd>
              {j.last_error && <><dt>Last error</dt><dd className="error-message">{j.last_error}</dd></>}
            </dl>
            {j.status === 'dead' && can('jobs.manage') && (
              <button type="button" className="btn" data-mutation="retry" disabled={retry.isPending} onClick={() => retry.mutate()}>
                {retry.isPending ? 'Re-queueing…' : 'Retry this job'}
              </button>
            )}
            {retry.error && <ErrorBox error={retry.error} />}
            {j.kind === 'ingest.upload' && j.ref_id && can('ingest.run') && <UploadDetails uploadId={j.ref_id} jobId={j.id} />}
          </>
        )}
      </QueryState>
    </section>
  );
}

export function DataPage() {
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const selected = params.get('job');
  const status = params.get('status') ?? '';
  const kind = params.get('kind') ?? '';
  const setParam = (k: string, v: string) => {
    const p = new URLSearchParams(search);
    if (v) p.set(k, v); else p.delete(k);
    const s = p.toString();
    navigate(`/data${s ? `?${s}` : ''}`, true);
  };
  const jobs = useQuery({
    queryKey: ['jobs', status, kind],
    queryFn: () => {
      const q = new URLSearchParams({ limit: '100' });
      if (status) q.set('status', status);
      if (kind) q.set('kind', kind);
      return api.get<Answer<'listJobs'>>('/api/v1/jobs', { search: `?${q.toString()}` });
    },
    refetchInterval: 5000,
  });
  return (
    <div className="data-page">
      <Can permission="ingest.run">
        <UploadForm onUploaded={(id) => setParam('job', id)} />
      </Can>
      {selected && <JobDetails id={selected} />}
      <section className="card" aria-labelledby="jobs-title">
        <h2 id="jobs-title">Jobs</h2>
        <div className="row wrap">
          <label className="field inline">
            Status
            <select value={status} onChange={(e) => setParam('status', e.target.value)}>
              {kStatuses.map((s) => <option key={s} value={s}>{s || 'any'}</option>)}
            </select>
          </label>
          <label className="field inline">
            Kind
            <select value={kind} onChange={(e) => setParam('kind', e.target.value)}>
              <option value="">any</option>
              <option value="ingest.upload">ingest.upload</option>
              <option value="audit.checkpoint">audit.checkpoint</option>
              <option value="uploads.cleanup">uploads.cleanup</option>
              <option value="keys.rewrap">keys.rewrap</option>
            </select>
          </label>
        </div>
        <QueryState query={jobs} what="jobs">
          {(data) => data.jobs.length === 0 ? <Empty>No jobs match.</Empty> : (
            <div className="table-wrap">
              <table className="data-table" data-testid="jobs-table">
                <thead><tr><th scope="col">Created</th><th scope="col">Kind</th><th scope="col">Status</th><th scope="col" className="num">Attempts</th><th scope="col">Last error</th></tr></thead>
                <tbody>
                  {data.jobs.map((j) => (
                    <tr key={j.id} data-job={j.id} aria-selected={j.id === selected}>
                      <td><a href={`/data?job=${encodeURIComponent(j.id)}`} onClick={(e) => { e.preventDefault(); setParam('job', j.id); }}>{formatDateTime(j.created_at)}</a></td>
                      <td><code>{j.kind}</code></td>
                      <td><span className={`badge status-${j.status}`}>{j.status}</span></td>
                      <td className="num">{j.attempts}/{j.max_attempts}</td>
                      <td className="muted small">{j.last_error ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </QueryState>
      </section>
    </div>
  );
}
