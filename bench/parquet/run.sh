#!/usr/bin/env bash
# Parquet decode: finguard's reader (bench/parquet/parquet_bench) against DuckDB's read_parquet on the
# same CUR 2.0-shaped file (zstd, DECIMAL(38,10) cost), in the same run: the exact sums of the cost and
# usage columns and the latest usage start, RUNS runs each, alternating; prints every run, the medians
# and the ratios (wall time, and CPU time: on a loaded machine DuckDB's two threads get twice the CPU
# share of our one). This is raw decoding of the cost columns; the ingest comparison comes when the reader
# feeds the cost store.
#   nice bench/parquet/run.sh [ROWS] [RUNS]       defaults: 1000000 rows, 3 runs
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-1000000}
RUNS=${2:-3}
BUILD_DIR=${BUILD_DIR:-build/release}
export CCACHE_BASEDIR=$PWD CCACHE_NOHASHDIR=true
cmake -S . -B "$BUILD_DIR" -G Ninja -DFG_BUILD_BENCH=ON >/dev/null
cmake --build "$BUILD_DIR" --target parquet_bench >/dev/null
[ -d bench/node_modules/@duckdb/node-api ] || (cd bench && npm ci --no-audit --no-fund >/dev/null)
WORK=$(mktemp -d "${WORK_ROOT:-/tmp}/finguard-parquet-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cp "$BUILD_DIR/bench/parquet/parquet_bench" "$WORK/"
node bench/parquet/duckdb_peer.mjs gen "$WORK/cur.parquet" "$ROWS"
echo "parquet bench: $ROWS rows, $(du -h "$WORK/cur.parquet" | cut -f1), $RUNS runs, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(git rev-parse --short HEAD)"
: >"$WORK/results.jsonl"
for run in $(seq 1 "$RUNS"); do
  echo "{\"engine\":\"finguard\",\"run\":$run,\"result\":$("$WORK/parquet_bench" "$WORK/cur.parquet" 1)}" | tee -a "$WORK/results.jsonl"
  echo "{\"engine\":\"duckdb\",\"run\":$run,\"result\":$(node bench/parquet/duckdb_peer.mjs read "$WORK/cur.parquet" 1)}" | tee -a "$WORK/results.jsonl"
done
node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const by = (e) => lines.filter((l) => l.engine === e).map((l) => l.result);
const f = by("finguard"), d = by("duckdb");
const mf = med(f.map((r) => r.seconds)), md = med(d.map((r) => r.seconds));
const cf = med(f.map((r) => r.cpu_seconds)), cd = med(d.map((r) => r.cpu_seconds));
const norm = (s) => (String(s).includes(".") ? String(s).replace(/0+$/, "").replace(/\.$/, "") : String(s));
const same = f.every((r) => r.sum === f[0].sum) && d.every((r) => norm(r.sum) === norm(f[0].sum));
console.log(JSON.stringify({ rows: f[0].rows, finguard_median_s: mf, duckdb_median_s: md,
  finguard_rows_per_s: Math.round(f[0].rows / mf), duckdb_rows_per_s: Math.round(d[0].rows / md),
  ratio: Number((md / mf).toFixed(2)), finguard_cpu_median_s: cf, duckdb_cpu_median_s: cd,
  cpu_ratio: Number((cd / cf).toFixed(2)), sums_agree: same, sum: f[0].sum, duckdb_sum: d[0].sum }));
' "$WORK/results.jsonl"
