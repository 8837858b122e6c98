// DuckDB peer for bench/run.sh: ingests a FOCUS CSV into a table of an on-disk database with 2
// threads, then runs the same two queries as costdb_bench. Prints one JSON line.
//
//   node duckdb_peer.mjs FILE DB_PATH default|decimal RUNS
//
// "default" lets read_csv sniff types (BilledCost becomes DOUBLE: fast, but its sums are inexact);
// "decimal" reads BilledCost as DECIMAL(38,10), which is exact (CORRECTIONS.md "Cost store benchmarks").
import { DuckDBInstance } from '@duckdb/node-api';
import { statSync } from 'node:fs';

const [file, dbPath, mode, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 3);
const types = mode === 'decimal' ? ", types={'BilledCost': 'DECIMAL(38,10)'}" : '';

const instance = await DuckDBInstance.create(dbPath, { threads: '2' });
const conn = await instance.connect();

const t0 = performance.now();
await conn.run(`CREATE TABLE focus AS SELECT * FROM read_csv('${file}', header=true${types})`);
const ingestS = (performance.now() - t0) / 1000;
const rows = Number((await conn.runAndReadAll('SELECT count(*) FROM focus')).getRows()[0][0]);

async function timed(sql) {
  const out = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = (await conn.runAndReadAll(sql)).getRows();
    out.push(performance.now() - t);
  }
  return [out, result];
}

const [byDay, groups] = await timed(
  `SELECT BillingCurrency, ServiceName, date_trunc('day', ChargePeriodStart) AS day, sum(BilledCost)
   FROM focus GROUP BY ALL`);
const [top] = await timed(
  `SELECT BillingCurrency, ResourceId, sum(BilledCost) AS s FROM focus GROUP BY ALL ORDER BY s DESC LIMIT 20`);
const [totals] = [(await conn.runAndReadAll(
  'SELECT BillingCurrency, CAST(sum(BilledCost) AS VARCHAR) FROM focus GROUP BY 1 ORDER BY 1')).getRows()];

const bytes = statSync(file).size;
console.log(JSON.stringify({
  mode, rows, seconds: ingestS, rows_per_s: rows / ingestS, mb_per_s: bytes / 1e6 / ingestS,
  peak_rss_mb: process.resourceUsage().maxRSS / 1024,
  groupby_service_day_ms: byDay, groups: groups.length, top20_resources_ms: top,
  billed_by_currency: Object.fromEntries(totals.map(([c, s]) => [c, String(s)])),
}));
