#!/usr/bin/env bash
# load-demo-data.sh BIN GEN ORG [ROWS_PER_MONTH]: the dashboard's demo data, so every chart has
# something to show: generated FOCUS rows (three providers, USD and EUR accounts, tags) for the three
# months before this one and this month to date, one source per month. Used by `make run` and by the
# end-to-end tests (web/e2e). Deterministic for a given day.
set -euo pipefail
BIN=$1 GEN=$2 ORG=$3 ROWS=${4:-15000}
this_month=$(date -u +%Y-%m)
today=$((10#$(date -u +%d)))
for back in 3 2 1 0; do
  month=$(date -u -d "$this_month-01 -$back month" +%Y-%m)
  days=31 rows=$ROWS
  if [ "$back" -eq 0 ]; then
    # This month to date, at the same daily rate as the full months.
    days=$today
    rows=$((ROWS * today / 30 + 1))
  fi
  "$GEN" --rows "$rows" --seed $((7 + back)) --month "$month" --days "$days" |
    "$BIN" ingest --org "$ORG" --source "demo-$month" - >/dev/null
  echo "demo data: $month ($rows rows)"
done
