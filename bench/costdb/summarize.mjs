// Medians over the runs of bench/run.sh and finguard's ratios against each peer.
//
//   node summarize.mjs RESULTS.jsonl
//
// MB/s is recomputed from finguard's measured input size when a peer could not know it (stdin).
// Totals are compared with finguard's as decimals (trailing zeros ignored): "exact" or "DIFFERS".
import { readFileSync } from 'node:fs';

const lines = readFileSync(process.argv[2], 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const fgBytes = lines.filter((l) => l.engine === 'finguard').map((l) => l.ingest.mb_per_s * l.ingest.seconds);
const bytesMb = fgBytes.length ? median(fgBytes) : 0;
const engines = {};
for (const l of lines) {
  const r = l.engine === 'finguard' ? { ...l.ingest, ...l.query } : l.result;
  (engines[l.engine] ||= []).push({
    rows_per_s: r.rows_per_s, mb_per_s: r.mb_per_s > 0 ? r.mb_per_s : bytesMb / r.seconds, peak_rss_mb: r.peak_rss_mb,
    groupby_ms: median(r.groupby_service_day_ms), top20_ms: median(r.top20_resources_ms),
    totals: r.billed_by_currency, load: l.load,
  });
}
const norm = (t) => JSON.stringify(Object.fromEntries(Object.entries(t || {}).sort()
  .map(([c, v]) => [c, String(v).includes('.') ? String(v).replace(/0+$/, '').replace(/\.$/, '') : String(v)])));
const summary = {};
for (const [e, runs] of Object.entries(engines)) {
  summary[e] = Object.fromEntries(['rows_per_s', 'mb_per_s', 'peak_rss_mb', 'groupby_ms', 'top20_ms']
    .map((k) => [k, median(runs.map((r) => r[k]))]));
  summary[e].totals = norm(runs[0].totals);
  summary[e].loads = runs.map((r) => r.load).join('; ');
}
const fg = summary.finguard;
console.log('\nmedians of', lines.filter((l) => l.engine === 'finguard').length, 'runs');
console.log('engine            ingest rows/s    MB/s  peak RSS MB  group-by svc×day ms  top-20 ms  BilledCost totals');
for (const [e, s] of Object.entries(summary)) {
  const exact = fg && e !== 'finguard' ? (s.totals === fg.totals ? '  (= finguard)' : '  (DIFFERS from finguard)') : '';
  console.log(`${e.padEnd(16)} ${s.rows_per_s.toFixed(0).padStart(14)} ${s.mb_per_s.toFixed(1).padStart(7)} ` +
    `${s.peak_rss_mb.toFixed(0).padStart(12)} ${s.groupby_ms.toFixed(1).padStart(20)} ${s.top20_ms.toFixed(1).padStart(10)}  ${s.totals}${exact}`);
}
for (const [e, s] of Object.entries(summary)) console.log(`load (1/5/15 min, before / after) ${e}: ${s.loads}`);
for (const peer of Object.keys(summary).filter((e) => e !== 'finguard')) {
  const p = summary[peer];
  if (!fg) continue;
  console.log(`finguard vs ${peer}: ingest ${(fg.rows_per_s / p.rows_per_s).toFixed(2)}x rows/s, ` +
    `group-by ${(fg.groupby_ms / p.groupby_ms).toFixed(2)}x time, top-20 ${(fg.top20_ms / p.top20_ms).toFixed(2)}x time, ` +
    `peak RSS ${(fg.peak_rss_mb / p.peak_rss_mb).toFixed(2)}x`);
}
