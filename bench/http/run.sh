#!/usr/bin/env bash
# HTTP benchmark: wrk against `finguard serve` and against nginx (Debian) serving a static file on the
# same box, in the same run. finguard targets:
#   healthz   GET /healthz (the whole middleware chain, no credentials)
#   apikey    GET /api/v1/me with `Authorization: Bearer fgk_...` (an API key created for the bench)
#   session   GET /api/v1/me with the session cookie of a password login
#
#   bench/http/run.sh [DURATION] [CONNECTIONS...]      defaults: 10s, 8 32 64
#   RUNS=3 FG_BENCH_BIN=build/api/finguard bench/http/run.sh 10s 8 32 64
#
# Each run measures every target at every connection count (wrk -t2), interleaved so drift in the
# machine's load hits all targets alike; the summary prints medians over RUNS, the ratio to nginx at
# the same connection count, and the non-2xx counts. finguard's rate limits are raised through the
# rate_limit_* settings, so a single-IP benchmark measures the server rather than 429s.
#
# Flood mode (issue 20 item 9): latency of the cheap routes while password logins flood the hash pool.
#   bench/http/run.sh flood [SECONDS]                  default 10
#   RUNS=3 bench/http/run.sh flood 10
# Each run starts wrk on /healthz and on the API-key read (-t1 -c8 each, --latency) and, half a second
# in, bench/http/login_flood.py: 1,000 failed logins for the bench account from 200 client addresses
# (100 IPv4, 100 IPv6 in distinct /64s) named in X-Forwarded-For, which the server trusts from
# 127.0.0.1 (trusted_proxies), paced over SECONDS minus a second by 64 keep-alive connections (more
# than the hash threads and queue admit, so the queue fills). The login throttle keeps its defaults
# (5 failures a minute per client and per account and client, 100 per account); the per-IP buckets
# are raised as below. Prints each run's p99s and the flood's status counts (401: the password was
# checked; 429 split into busy, refused at once by a full hash queue, and throttled, by the login
# throttle, before the hash or, past the account ceiling, after it), then medians.
#
# Needs wrk and nginx (apt-get install wrk nginx-light). Both servers listen on 127.0.0.1 only and are
# stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
MODE=throughput
if [ "${1:-}" = flood ]; then
  MODE=flood
  shift
fi
DURATION=${1:-10s}
if [ "$MODE" = flood ]; then DURATION=${1:-10}; fi
shift || true
CONNS=("$@")
[ ${#CONNS[@]} -eq 0 ] && CONNS=(8 32 64)
RUNS=${RUNS:-1}
BIN=$(realpath "${FG_BENCH_BIN:-build/release/finguard}")
command -v wrk >/dev/null || { echo "bench/http: wrk is missing (apt-get install wrk)" >&2; exit 2; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "bench/http: nginx is missing (apt-get install nginx-light)" >&2; exit 2; }

WORK=$(mktemp -d /tmp/finguard-http-bench.XXXXXX)
chmod 755 "$WORK"  # nginx workers run as another user
FG_PID=""
cleanup() {
  [ -n "$FG_PID" ] && kill "$FG_PID" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  [ -n "${KEEP:-}" ] && cat "$WORK/finguard.log" >&2
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
NGINX_PORT=$(free_port)
FG_PORT=$(free_port)
FG="http://127.0.0.1:$FG_PORT"

mkdir -p "$WORK/web/dist" "$WORK/nginx" "$WORK/var"
printf '{"status":"ok"}' > "$WORK/web/dist/healthz.json"
cat > "$WORK/nginx/nginx.conf" <<NGINX
worker_processes $(nproc);
pid $WORK/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/web/dist;
    location / { default_type application/json; }
  }
}
NGINX
"$NGINX" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" 2>/dev/null

# Every per-IP and per-principal bucket at its maximum (core/config.hpp), so no request sees a 429.
export FINGUARD_DATA_DIR="$WORK/var" FINGUARD_LOG_LEVEL=warn
# The flood's clients are named by X-Forwarded-For from loopback, as behind a proxy on the same host.
if [ "$MODE" = flood ]; then export FINGUARD_TRUSTED_PROXIES=127.0.0.1/32; fi
for cls in AUTH MUTATION READ; do
  for who in IP PRINCIPAL; do
    export "FINGUARD_RATE_LIMIT_${cls}_PER_${who}_PER_MINUTE=10000000" "FINGUARD_RATE_LIMIT_${cls}_PER_${who}_BURST=10000000"
  done
done

# An org with an Owner, signed in once for the session variant; the Owner then creates a viewer API key.
EMAIL=bench@example.test
PASSWORD=bench-password-$(head -c 12 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')
printf '%s\n' "$PASSWORD" > "$WORK/password"
(cd "$WORK" && "$BIN" admin bootstrap --org Bench --email "$EMAIL" --password-file "$WORK/password") >/dev/null

(cd "$WORK" && exec "$BIN" serve --listen "127.0.0.1:$FG_PORT") 2>"$WORK/finguard.log" &
FG_PID=$!
for _ in $(seq 1 100); do
  curl -fs "$FG/healthz" >/dev/null 2>&1 && curl -fs "http://127.0.0.1:$NGINX_PORT/healthz.json" >/dev/null 2>&1 && break
  sleep 0.1
done

json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
LOGIN=$(curl -fsS -c "$WORK/cookies" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" "$FG/api/v1/auth/login")
CSRF=$(json_field csrf_token <<<"$LOGIN")
SESSION=$(awk '$6=="fg_session" {print $7}' "$WORK/cookies")
API_KEY=$(curl -fsS -b "$WORK/cookies" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
  -d '{"name":"bench","role":"viewer"}' "$FG/api/v1/api-keys" | json_field key)
curl -fsS -o /dev/null -H "Authorization: Bearer $API_KEY" "$FG/api/v1/me" \
  || { echo "bench/http: the API key does not authenticate" >&2; exit 1; }

if [ "$MODE" = flood ]; then
  p99_of() { awk '$1=="99%" {print $2}' "$1"; }
  FLOOD_RESULTS="$WORK/flood"
  echo "bench/http flood: $(nproc) cores, wrk -t1 -c8 -d${DURATION}s on each target, 1000 failed logins from 200 addresses, $RUNS run(s)"
  for run in $(seq 1 "$RUNS"); do
    echo "run $run: load average $(cut -d' ' -f1-3 /proc/loadavg)"
    wrk -t1 -c8 -d"${DURATION}s" --latency "$FG/healthz" >"$WORK/wrk-healthz" &
    W1=$!
    wrk -t1 -c8 -d"${DURATION}s" --latency -H "Authorization: Bearer $API_KEY" "$FG/api/v1/me" >"$WORK/wrk-apikey" &
    W2=$!
    sleep 0.5
    FLOOD=$(python3 bench/http/login_flood.py "$FG_PORT" "$EMAIL" --logins 1000 --addresses 200 \
      --seconds "$((DURATION - 1))" --workers 64)
    wait "$W1" "$W2"
    line="run=$run healthz_p99=$(p99_of "$WORK/wrk-healthz") apikey_p99=$(p99_of "$WORK/wrk-apikey") $FLOOD"
    echo "$line" | tee -a "$FLOOD_RESULTS"
    # Let the throttle's minute pass, so every run starts from the same state.
    if [ "$run" -lt "$RUNS" ]; then sleep 61; fi
  done
  python3 - "$FLOOD_RESULTS" <<'PY'
import re, statistics, sys
def ms(v):
    m = re.fullmatch(r"([\d.]+)(us|ms|s)", v)
    return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)] if m else float("nan")
rows = [dict(kv.split("=", 1) for kv in line.split() if "=" in kv) for line in open(sys.argv[1])]
med = lambda key, f=float: statistics.median(f(r.get(key, "0").rstrip("s")) for r in rows)
print(f"\nmedians of {len(rows)}: healthz p99 {statistics.median(ms(r['healthz_p99']) for r in rows):.2f} ms, "
      f"apikey p99 {statistics.median(ms(r['apikey_p99']) for r in rows):.2f} ms, "
      f"flood wall {med('wall'):.2f} s, 401 {med('s401'):.0f}, 429 busy {med('s429busy'):.0f}, "
      f"429 throttled {med('s429throttled'):.0f}")
PY
  exit 0
fi

measure() {  # measure TARGET CONNS URL [wrk args...] -> one result line
  local target=$1 conns=$2 url=$3 out
  shift 3
  out=$(wrk -t2 -c"$conns" -d"$DURATION" --latency "$@" "$url")
  local rps p50 p99 bad
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  bad=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  echo "target=$target conns=$conns rps=$rps p50=$p50 p99=$p99 non2xx=${bad:-0}"
}

RESULTS="$WORK/results"
echo "bench/http: $(nproc) cores, wrk -t2 -d$DURATION, connections ${CONNS[*]}, $RUNS run(s)"
for run in $(seq 1 "$RUNS"); do
  echo "run $run: load average $(cut -d' ' -f1-3 /proc/loadavg)"
  for c in "${CONNS[@]}"; do
    measure nginx "$c" "http://127.0.0.1:$NGINX_PORT/healthz.json" | tee -a "$RESULTS"
    measure healthz "$c" "$FG/healthz" | tee -a "$RESULTS"
    measure apikey "$c" "$FG/api/v1/me" -H "Authorization: Bearer $API_KEY" | tee -a "$RESULTS"
    measure session "$c" "$FG/api/v1/me" -H "Cookie: fg_session=$SESSION" | tee -a "$RESULTS"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$RESULTS" <<'PY'
import re, statistics, sys
def ms(v):
    m = re.fullmatch(r"([\d.]+)(us|ms|s)", v)
    return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)] if m else float("nan")
rows = {}
for line in open(sys.argv[1]):
    f = dict(kv.split("=", 1) for kv in line.split())
    rows.setdefault((f["target"], int(f["conns"])), []).append(
        (float(f["rps"]), ms(f["p50"]), ms(f["p99"]), int(f["non2xx"])))
print("\nmedians  (target, connections: requests/s, p50 ms, p99 ms, ratio to nginx, non-2xx total)")
for (target, conns), vals in sorted(rows.items(), key=lambda kv: (kv[0][1], kv[0][0])):
    rps = statistics.median(v[0] for v in vals)
    ng = statistics.median(v[0] for v in rows[("nginx", conns)])
    print(f"{target:8} c={conns:<4} {rps:10.0f} {statistics.median(v[1] for v in vals):7.2f} "
          f"{statistics.median(v[2] for v in vals):7.2f}   {rps / ng:5.2f}   {sum(v[3] for v in vals)}")
PY
