#!/usr/bin/env bash
# Benchmarks: finguard's cost store against DuckDB (default types and DECIMAL(38,10)) on the same
# generated FOCUS file, in the same run. Prints each run and the medians with ratios.
#
#   bench/run.sh [ROWS] [RUNS]        defaults: 1000000 rows, 3 runs
#   BUILD_DIR=build/costdb bench/run.sh
#
# The CSV is written under a temporary directory in /tmp and deleted on exit; keep ROWS ≤ 10M
# (CORRECTIONS.md: never a 100M-row CSV on disk).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
RUNS=${2:-3}
BUILD_DIR=${BUILD_DIR:-build/release}
if [ "$ROWS" -gt 10000000 ]; then echo "bench: at most 10M rows on disk" >&2; exit 2; fi

cmake -S . -B "$BUILD_DIR" -G Ninja -DFG_BUILD_BENCH=ON >/dev/null
cmake --build "$BUILD_DIR" --target costdb_bench >/dev/null
[ -d bench/node_modules/@duckdb/node-api ] || (cd bench && npm ci --no-audit --no-fund >/dev/null)

WORK=$(mktemp -d /tmp/finguard-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
g++ -O2 -std=c++20 -o "$WORK/focus_gen" tools/focus_gen.cpp
"$WORK/focus_gen" --rows "$ROWS" > "$WORK/focus.csv"
echo "bench: $ROWS rows, $(du -h "$WORK/focus.csv" | cut -f1), $RUNS runs, $(nproc) cores"

: > "$WORK/results.jsonl"
for run in $(seq 1 "$RUNS"); do
  rm -rf "$WORK/fg"
  ingest=$("$BUILD_DIR/bench/costdb_bench" ingest "$WORK/fg" "$WORK/focus.csv")
  query=$("$BUILD_DIR/bench/costdb_bench" query "$WORK/fg" 3)
  echo "{\"engine\":\"finguard\",\"run\":$run,\"ingest\":$ingest,\"query\":$query}" | tee -a "$WORK/results.jsonl"
  for mode in default decimal; do
    rm -f "$WORK/duck.db" "$WORK/duck.db.wal"
    out=$(node bench/costdb/duckdb_peer.mjs "$WORK/focus.csv" "$WORK/duck.db" "$mode" 3)
    echo "{\"engine\":\"duckdb-$mode\",\"run\":$run,\"result\":$out}" | tee -a "$WORK/results.jsonl"
  done
done
node bench/costdb/summarize.mjs "$WORK/results.jsonl"
