#!/usr/bin/env bash
# HTTP benchmark: wrk against `finguard serve` (GET /healthz, which runs the whole middleware chain)
# and against nginx (Debian) serving a static file on the same box, in the same run.
#
#   bench/http/run.sh [DURATION] [CONNECTIONS]     defaults: 10s, 32
#   FG_BENCH_BIN=build/api/finguard bench/http/run.sh
#
# Needs wrk and nginx (apt-get install wrk nginx-light). Both servers listen on 127.0.0.1 only and are
# stopped on exit. Prints requests/s, p50 and p99 for each, and the ratio.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-10s}
CONNS=${2:-32}
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

(cd "$WORK" && FINGUARD_DATA_DIR="$WORK/var" FINGUARD_LOG_LEVEL=warn exec "$BIN" serve --listen "127.0.0.1:$FG_PORT") \
  2>"$WORK/finguard.log" &
FG_PID=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$FG_PORT/healthz" >/dev/null 2>&1 && curl -fs "http://127.0.0.1:$NGINX_PORT/healthz.json" >/dev/null 2>&1 && break
  sleep 0.1
done

run() {  # run NAME URL -> "rps p50_ms p99_ms non2xx"
  local out
  out=$(wrk -t2 -c"$CONNS" -d"$DURATION" --latency "$2")
  local rps p50 p99 bad
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  bad=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  echo "$1 rps=$rps p50=$p50 p99=$p99 non2xx=${bad:-0}"
}

echo "bench/http: $(nproc) cores, wrk -t2 -c$CONNS -d$DURATION, load average $(cut -d' ' -f1-3 /proc/loadavg)"
NG=$(run "nginx static" "http://127.0.0.1:$NGINX_PORT/healthz.json")
FG=$(run "finguard /healthz" "http://127.0.0.1:$FG_PORT/healthz")
echo "$NG"
echo "$FG"
ng_rps=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$NG")
fg_rps=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$FG")
echo "ratio finguard/nginx: $(python3 -c "print(f'{$fg_rps/$ng_rps:.2f}')")"
