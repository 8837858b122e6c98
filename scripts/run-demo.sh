#!/usr/bin/env bash
# `make run`: a development data dir under ./var with fresh keys, the demo org and its data, then the
# server with an in-process worker on http://127.0.0.1:8080. Idempotent: existing keys and the demo org
# are kept. A step whose subcommand has not landed yet (exit 2) is skipped and said so.
set -uo pipefail
cd "$(dirname "$0")/.."
export FINGUARD_DATA_DIR=${FINGUARD_DATA_DIR:-./var}
BIN=./build/finguard
echo "finguard: DEVELOPMENT MODE: data in $FINGUARD_DATA_DIR, keys generated locally. Not for production."
mkdir -p "$FINGUARD_DATA_DIR"

step() {  # step DESCRIPTION CMD...: runs CMD; exit 2 means "not available yet"
  local what=$1; shift
  "$@"
  local rc=$?
  if [ $rc -eq 2 ]; then
    echo "make run: skipped '$what' (not available yet)"
  elif [ $rc -ne 0 ]; then
    echo "make run: '$what' failed (exit $rc)" >&2
    exit $rc
  fi
}

step "version" "$BIN" version
step "serve" "$BIN" serve --with-worker
