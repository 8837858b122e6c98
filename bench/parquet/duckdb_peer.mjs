// DuckDB's side of bench/parquet/run.sh, through @duckdb/node-api (bench/package.json):
//   node duckdb_peer.mjs gen FILE ROWS     writes a CUR 2.0-shaped Parquet file (zstd, DECIMAL(38,10) cost)
//   node duckdb_peer.mjs read FILE RUNS    read_parquet of the same cost columns, exact DECIMAL sums
// Two threads, like the cost store benchmark's peer. Prints one JSON line per run.
import { DuckDBInstance } from '@duckdb/node-api';

const [mode, file, n] = process.argv.slice(2);
const con = await (await DuckDBInstance.create(':memory:', { threads: '2' })).connect();
const all = async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJson();
if (mode === 'gen') {
  await con.run(`COPY (SELECT
      ('2024-01-01'::TIMESTAMP + INTERVAL (i % 744) HOUR) AS line_item_usage_start_date,
      'Usage' AS line_item_line_item_type,
      'AmazonEC2' || (i % 40) AS line_item_product_code,
      (((i * 7919) % 10000000)::DECIMAL(38,0) * 0.0000001)::DECIMAL(38,10) AS line_item_unblended_cost,
      (((i * 104729) % 1000000)::DECIMAL(38,0) * 0.001)::DECIMAL(38,10) AS line_item_usage_amount,
      'arn:aws:ec2:us-east-1:123456789012:instance/i-' || (i % 100000) AS line_item_resource_id,
      MAP {'user:team': 'team-' || (i % 9)} AS resource_tags
    FROM range(${Number(n)}) r(i)) TO '${file}' (FORMAT PARQUET, CODEC 'zstd', ROW_GROUP_SIZE 122880)`);
} else {
  for (let run = 0; run < Number(n ?? 1); ++run) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();  // this process, so DuckDB's threads too
    const [r] = await all(`SELECT count(*)::VARCHAR AS rows, sum(line_item_unblended_cost)::VARCHAR AS sum,
        sum(line_item_usage_amount)::VARCHAR AS usage, max(line_item_usage_start_date)::VARCHAR AS latest
      FROM read_parquet('${file}')`);
    const s = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    console.log(JSON.stringify({ rows: Number(r.rows), seconds: Number(s.toFixed(4)), cpu_seconds: Number(((c.user + c.system) / 1e6).toFixed(4)), rows_per_s: Math.round(Number(r.rows) / s), sum: r.sum, usage: r.usage }));
  }
}
