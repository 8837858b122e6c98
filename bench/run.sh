#!/usr/bin/env bash
# Benchmarks: finguard's cost store against DuckDB (default types and DECIMAL(38,10)) and ClickHouse
# 18.16 (Decimal(38,10)) on the same generated FOCUS data, in the same run. Prints each run and the
# medians with ratios.
#
#   bench/run.sh [ROWS] [RUNS]        defaults: 1000000 rows, 3 runs
#   BUILD_DIR=build/costdb bench/run.sh
#   PEERS="duckdb-default duckdb-decimal clickhouse" (default: all three)
#
# Up to 10M rows the CSV is written once under a temporary directory in /tmp and deleted on exit.
# Above 10M rows nothing is written (CORRECTIONS.md: never a 100M-row CSV on disk): every engine
# reads the generator's output through a pipe, one pass (RUNS is ignored), and the byte count is the
# one finguard's ingest measured (the generator is deterministic). Run that in the background:
#   nohup env BUILD_DIR=build/costdb bench/run.sh 100000000 > /tmp/bench100m.log 2>&1 &
# WORK_ROOT (default /tmp) holds the engines' data directories; each is deleted after its run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
RUNS=${2:-3}
BUILD_DIR=${BUILD_DIR:-build/release}
PEERS=${PEERS:-duckdb-default duckdb-decimal clickhouse}
STREAM=0
if [ "$ROWS" -gt 10000000 ]; then STREAM=1 RUNS=1; fi

cmake -S . -B "$BUILD_DIR" -G Ninja -DFG_BUILD_BENCH=ON >/dev/null
cmake --build "$BUILD_DIR" --target costdb_bench focus_gen >/dev/null
[ -d bench/node_modules/@duckdb/node-api ] || (cd bench && npm ci --no-audit --no-fund >/dev/null)
if [[ " $PEERS " == *" clickhouse "* ]] && ! command -v clickhouse-server >/dev/null; then
  # Debian's 18.16 (TEST-SERVERS.md §5); started per run by clickhouse_peer.sh, never as a service.
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends clickhouse-server clickhouse-client >/dev/null
fi

WORK=$(mktemp -d "${WORK_ROOT:-/tmp}/finguard-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# Copies of the programs: a rebuild during a long run must not change what is measured.
cp "$BUILD_DIR/focus_gen" "$BUILD_DIR/bench/costdb_bench" "$WORK/"
GEN=("$WORK/focus_gen" --rows "$ROWS")
if [ "$STREAM" = 0 ]; then
  "${GEN[@]}" >"$WORK/focus.csv"
  INPUT="$WORK/focus.csv"
  echo "bench: $ROWS rows, $(du -h "$INPUT" | cut -f1), $RUNS runs, $(nproc) cores, $(git rev-parse --short HEAD)"
else
  INPUT=-
  echo "bench: $ROWS rows streamed through a pipe (not on disk), one pass, $(nproc) cores, $(git rev-parse --short HEAD)"
fi
load() { cut -d' ' -f1-3 /proc/loadavg; }
# feed CMD...: runs CMD on the input (a file path, or "-" with the generator piped in).
feed() {
  if [ "$STREAM" = 0 ]; then "$@"; else "${GEN[@]}" | "$@"; fi
}
arg() { if [ "$STREAM" = 0 ]; then echo "$INPUT"; else echo -; fi; }

: >"$WORK/results.jsonl"
for run in $(seq 1 "$RUNS"); do
  rm -rf "$WORK/fg"
  l0=$(load)
  ingest=$(feed "$WORK/costdb_bench" ingest "$WORK/fg" "$(arg)")
  query=$("$WORK/costdb_bench" query "$WORK/fg" 3)
  echo "{\"engine\":\"finguard\",\"run\":$run,\"load\":\"$l0 / $(load)\",\"store_mb\":$(du -sm "$WORK/fg" | cut -f1),\"ingest\":$ingest,\"query\":$query}" | tee -a "$WORK/results.jsonl"
  rm -rf "$WORK/fg"
  for peer in $PEERS; do
    l0=$(load)
    case "$peer" in
      duckdb-*)
        rm -f "$WORK/duck.db" "$WORK/duck.db.wal"
        src=$(arg)
        [ "$src" = - ] && src=/dev/stdin
        out=$(feed node bench/costdb/duckdb_peer.mjs "$src" "$WORK/duck.db" "${peer#duckdb-}" 3)
        rm -f "$WORK/duck.db" "$WORK/duck.db.wal"
        ;;
      clickhouse) out=$(feed bench/costdb/clickhouse_peer.sh "$(arg)" "$WORK" 3) ;;
      *) echo "bench: unknown peer $peer" >&2; exit 2 ;;
    esac
    echo "{\"engine\":\"$peer\",\"run\":$run,\"load\":\"$l0 / $(load)\",\"result\":$out}" | tee -a "$WORK/results.jsonl"
  done
done
cp "$WORK/results.jsonl" "/tmp/finguard-bench-$ROWS.jsonl"
node bench/costdb/summarize.mjs "$WORK/results.jsonl"
