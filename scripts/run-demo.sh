#!/usr/bin/env bash
# `make run`: a development data dir under ./var with fresh keys, the org `demo` with its owner and
# demo cost data, then the server with an in-process worker and the dashboard (web/dist) on
# http://127.0.0.1:8080.
# Idempotent: existing keys, the demo org and loaded data are kept. A step whose subcommand has not
# landed yet (exit 2) is skipped and said so.
set -uo pipefail
cd "$(dirname "$0")/.."
export FINGUARD_DATA_DIR=${FINGUARD_DATA_DIR:-./var}
export FINGUARD_LOG_FORMAT=${FINGUARD_LOG_FORMAT:-text}
BIN=./build/finguard
GEN=./build/release/focus_gen
DEMO_EMAIL=owner@demo.finguard.test
PASSWORD_FILE="$FINGUARD_DATA_DIR/demo-owner-password"
SHARED_SAMPLES=../shared/data/focus-samples

echo "finguard: DEVELOPMENT MODE: data in $FINGUARD_DATA_DIR, keys generated locally. Not for production."
mkdir -p -m 700 "$FINGUARD_DATA_DIR"

step() {  # step DESCRIPTION CMD...: exit 2 means "not available yet"
  local what=$1; shift
  "$@"
  local rc=$?
  if [ $rc -eq 2 ]; then
    echo "make run: skipped '$what' (not available yet)"
  elif [ $rc -ne 0 ]; then
    echo "make run: '$what' failed (exit $rc)" >&2
    exit $rc
  fi
  return 0
}

if [ ! -e "$FINGUARD_DATA_DIR/keys/master.key" ]; then
  step "keys init" "$BIN" keys init
fi
step "migrate" "$BIN" migrate

if [ ! -s "$PASSWORD_FILE" ]; then
  (umask 077; python3 -c 'import secrets; print(secrets.token_urlsafe(18))' > "$PASSWORD_FILE")
fi
if [ ! -e "$FINGUARD_DATA_DIR/.demo-owner" ]; then
  "$BIN" admin bootstrap --org demo --email "$DEMO_EMAIL" --password-file "$PASSWORD_FILE"
  rc=$?
  if [ $rc -eq 0 ]; then touch "$FINGUARD_DATA_DIR/.demo-owner";
  elif [ $rc -eq 2 ]; then echo "make run: skipped 'admin bootstrap' (not available yet)";
  else echo "make run: 'admin bootstrap' failed (exit $rc)" >&2; exit $rc; fi
fi

if [ -e "$FINGUARD_DATA_DIR/.demo-owner" ] && [ ! -e "$FINGUARD_DATA_DIR/.demo-data" ]; then
  # Generated data for the last three months and this month to date (three providers, USD and EUR),
  # then the FinOps Foundation samples when ../shared is present.
  step "ingest demo data" bash scripts/load-demo-data.sh "$BIN" "$GEN" demo
  if [ -d "$SHARED_SAMPLES" ]; then
    for f in "$SHARED_SAMPLES"/*.csv; do
      [ -e "$f" ] || continue
      step "ingest $(basename "$f")" "$BIN" ingest --org demo --lenient "$f" || true
    done
  fi
  touch "$FINGUARD_DATA_DIR/.demo-data"
fi

cat <<EOF2

  API: curl -s -c /tmp/fg.cookies -H 'Content-Type: application/json' \\
       -d '{"email":"$DEMO_EMAIL","password":"$(cat "$PASSWORD_FILE")"}' http://127.0.0.1:8080/api/v1/auth/login
       curl -s -b /tmp/fg.cookies 'http://127.0.0.1:8080/api/v1/costs?group_by=service_name,month&top=10'
  API document: http://127.0.0.1:8080/api/v1/openapi.json

  finguard dashboard: http://127.0.0.1:8080/
  demo login: $DEMO_EMAIL / $(cat "$PASSWORD_FILE")

EOF2
exec "$BIN" serve --with-worker
