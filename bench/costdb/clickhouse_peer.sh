#!/usr/bin/env bash
# ClickHouse peer for bench/run.sh: starts a private clickhouse-server (Debian 18.16) on 127.0.0.1
# with a temporary config and data dir (TEST-SERVERS.md §5), creates a MergeTree table with the
# file's columns (money and quantity columns Decimal(38,10), so sums are exact), inserts the CSV
# over HTTP, runs the same two queries as costdb_bench, stops the server and prints one JSON line.
#
#   bench/costdb/clickhouse_peer.sh FILE|- WORK_DIR RUNS
#
# FILE "-" streams stdin (the 100M-row run). Peak RSS is the server's VmHWM, reset (clear_refs)
# just before the insert, so it covers the insert only. Times include curl and loopback HTTP.
# Ports default to 18123/19000/19009 (CH_PORT_BASE=18000) so a stock server on 8123 is untouched.
set -euo pipefail
FILE=$1
WORK=$2
RUNS=${3:-3}
BASE=${CH_PORT_BASE:-18000}
HTTP=$((BASE + 123))
URL="http://127.0.0.1:$HTTP/"

D="$WORK/ch"
rm -rf "$D"
mkdir -p "$D/data" "$D/log"
cp /etc/clickhouse-server/users.xml "$D/"
sed -e "s#/var/log/clickhouse-server/#$D/log/#g" -e "s#/var/lib/clickhouse/#$D/data/#g" \
  -e 's#<listen_host>::1</listen_host>##' -e 's#<tcp_port_secure>9440</tcp_port_secure>##' \
  -e "s#<users_config>users.xml</users_config>#<users_config>$D/users.xml</users_config>#" \
  -e "s#<http_port>8123</http_port>#<http_port>$HTTP</http_port>#" \
  -e "s#<tcp_port>9000</tcp_port>#<tcp_port>$((BASE + 1000))</tcp_port>#" \
  -e "s#<interserver_http_port>9009</interserver_http_port>#<interserver_http_port>$((BASE + 1009))</interserver_http_port>#" \
  /etc/clickhouse-server/config.xml >"$D/config.xml"
(cd "$D" && exec clickhouse-server --config-file="$D/config.xml" >"$D/stdout.log" 2>&1) &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$D"' EXIT
for _ in $(seq 300); do
  [ "$(curl -s "${URL}ping" || true)" = "Ok." ] && break
  sleep 0.1
done
q() { curl -sS --fail-with-body "$URL" --data-binary "$1"; }
now() { date +%s.%N; }

# The header decides the columns (18.16's CSVWithNames maps by position, not by name).
if [ "$FILE" = "-" ]; then
  IFS= read -r HEADER
else
  IFS= read -r HEADER <"$FILE"
fi
HEADER=${HEADER#$'\xEF\xBB\xBF'}
HEADER=${HEADER%$'\r'}
cols=""
IFS=, read -r -a names <<<"$HEADER"
for n in "${names[@]}"; do
  case "$n" in
    *Cost | *Quantity | *UnitPrice) t='Decimal(38,10)' ;;
    BillingPeriodStart | BillingPeriodEnd | ChargePeriodStart | ChargePeriodEnd) t=DateTime ;;
    *) t=String ;;
  esac
  cols+="${cols:+, }\`$n\` $t"
done
q "CREATE TABLE focus ($cols) ENGINE = MergeTree() PARTITION BY toYYYYMM(BillingPeriodStart)
   ORDER BY (ServiceName, ChargePeriodStart)"

echo 5 >"/proc/$PID/clear_refs"  # resets VmHWM: the peak below is the insert's
ins="${URL}?date_time_input_format=best_effort&query=INSERT%20INTO%20focus%20FORMAT%20"
t0=$(now)
if [ "$FILE" = "-" ]; then
  curl -sS --fail-with-body -X POST -T - "${ins}CSV" # the header line was read above
else
  curl -sS --fail-with-body -X POST -T "$FILE" "${ins}CSVWithNames"
fi
t1=$(now)
hwm_kb=$(awk '/VmHWM/ {print $2}' "/proc/$PID/status")
rows=$(q "SELECT count() FROM focus")

timed() { # prints a JSON array of RUNS times in ms; the last result goes to $D/last.tsv
  local out="[" a b
  for i in $(seq "$RUNS"); do
    a=$(now)
    q "$1" >"$D/last.tsv"
    b=$(now)
    out+="$([ "$i" -gt 1 ] && echo ,)$(echo "($b - $a) * 1000" | bc -l | xargs printf '%.3f')"
  done
  echo "$out]"
}
by_day=$(timed "SELECT BillingCurrency, ServiceName, toDate(ChargePeriodStart) AS day, sum(BilledCost)
  FROM focus GROUP BY BillingCurrency, ServiceName, day FORMAT TSV")
groups=$(wc -l <"$D/last.tsv")
top=$(timed "SELECT BillingCurrency, ResourceId, sum(BilledCost) AS s FROM focus
  GROUP BY BillingCurrency, ResourceId ORDER BY s DESC LIMIT 20 FORMAT TSV")
totals=$(q "SELECT BillingCurrency, toString(sum(BilledCost)) FROM focus GROUP BY BillingCurrency ORDER BY BillingCurrency FORMAT TSV" |
  awk -F'\t' '{printf "%s\"%s\":\"%s\"", (NR > 1 ? "," : ""), $1, $2}')
version=$(q "SELECT version()")
secs=$(echo "$t1 - $t0" | bc -l)
bytes=0
[ "$FILE" != "-" ] && bytes=$(stat -c %s "$FILE")
printf '{"mode":"clickhouse-%s","rows":%d,"seconds":%.3f,"rows_per_s":%.0f,"mb_per_s":%.1f,"peak_rss_mb":%.0f,' \
  "$version" "$rows" "$secs" "$(echo "$rows / $secs" | bc -l)" "$(echo "$bytes / 1000000 / $secs" | bc -l)" \
  "$(echo "$hwm_kb / 1024" | bc -l)"
printf '"groupby_service_day_ms":%s,"groups":%d,"top20_resources_ms":%s,"billed_by_currency":{%s}}\n' \
  "$by_day" "$groups" "$top" "$totals"
