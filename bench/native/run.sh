#!/usr/bin/env bash
# Native CSV ingest: `finguard ingest` of an AWS legacy CUR file (mapped to FOCUS, exact decimals)
# against DuckDB loading the same file with the cost as DECIMAL(38,10), in the same run. Prints each
# run, the medians, the ratio, peak RSS and both exact totals.
#
#   bench/native/run.sh [ROWS] [RUNS]     defaults: 1000000 rows, 3 runs
#
# The file repeats the 1,281 rows of ../shared/data/native-samples/aws (real CUR columns and
# values, so real dictionaries: few distinct strings); it is written under /tmp and deleted on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-1000000}
RUNS=${2:-3}
BUILD_DIR=${BUILD_DIR:-build/release}
SAMPLE=${SAMPLE:-../shared/data/native-samples/aws/aws-cur-legacy_anonymized_1281rows.csv}
[ -f "$SAMPLE" ] || { echo "bench/native: the CUR sample $SAMPLE is missing" >&2; exit 1; }
cmake --build "$BUILD_DIR" --target finguard >/dev/null
[ -d bench/node_modules/@duckdb/node-api ] || (cd bench && npm ci --no-audit --no-fund >/dev/null)

WORK=$(mktemp -d /tmp/finguard-native-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cp "$BUILD_DIR/finguard" "$WORK/"
python3 - "$SAMPLE" "$WORK/cur.csv" "$ROWS" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
n, want = 0, int(sys.argv[3])
with open(sys.argv[2], "w") as f:
    f.write(lines[0] + "\n")
    while n < want:
        for r in lines[1:]:
            if n == want:
                break
            f.write(r + "\n")
            n += 1
PY
echo "bench/native: $ROWS rows, $(du -m "$WORK/cur.csv" | cut -f1) MB, $RUNS runs"

fg_times=() dk_times=() fg_rss=() dk_rss=()
for i in $(seq 1 "$RUNS"); do
  D="$WORK/fg-$i"
  export FINGUARD_DATA_DIR="$D" FINGUARD_LOG_LEVEL=warn
  "$WORK/finguard" migrate >/dev/null 2>&1
  echo 'bench-password-not-secret-1' >"$WORK/pw"
  "$WORK/finguard" admin bootstrap --org Bench --email b@example.com --password-file "$WORK/pw" >/dev/null 2>&1
  out=$(/usr/bin/time -f "TIME %e %M" "$WORK/finguard" ingest --org bench --format aws-cur "$WORK/cur.csv" 2>&1)
  t=$(echo "$out" | awk '/^TIME/ {print $2}') rss=$(echo "$out" | awk '/^TIME/ {print $3}')
  fg_total=$(echo "$out" | awk '/BilledCost USD/ {print $3}')
  rm -rf "$D"
  dk=$(/usr/bin/time -f "TIME %e %M" node bench/native/duckdb_peer.mjs "$WORK/cur.csv" "$WORK/duck-$i.db" 2>&1)
  dt=$(echo "$dk" | grep '^{' | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).seconds.toFixed(3)))')
  dk_total=$(echo "$dk" | grep '^{' | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).total))')
  drss=$(echo "$dk" | awk '/^TIME/ {print $3}')
  rm -f "$WORK/duck-$i.db"*
  echo "run $i: finguard ${t}s (RSS ${rss} KB, USD $fg_total); duckdb load ${dt}s (process RSS ${drss} KB, USD $dk_total)"
  fg_times+=("$t") dk_times+=("$dt") fg_rss+=("$rss") dk_rss+=("$drss")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
fm=$(median "${fg_times[@]}") dm=$(median "${dk_times[@]}")
echo "median: finguard ${fm}s ($(awk -v r="$ROWS" -v t="$fm" 'BEGIN {printf "%.0f", r/t}') rows/s, RSS $(median "${fg_rss[@]}") KB)," \
     "duckdb ${dm}s ($(awk -v r="$ROWS" -v t="$dm" 'BEGIN {printf "%.0f", r/t}') rows/s, RSS $(median "${dk_rss[@]}") KB)"
echo "ratio (duckdb time / finguard time): $(awk -v a="$dm" -v b="$fm" 'BEGIN {printf "%.2f", a/b}')"
echo "totals: finguard USD $fg_total, duckdb USD $dk_total (DuckDB prints DECIMAL(38,10)'s 10 places)"
