#!/usr/bin/env bash
# Runs every test: the release build's full suite (unit, integration, layering and source rules), then
# the unit tests again under ASan+UBSan. Any failure fails the run. Called by `make test` inside
# with-postgres.sh.
set -uo pipefail
cd "$(dirname "$0")/.."
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
rc=0
echo "== release build: all tests"
(cd build/release && ctest --output-on-failure -j "$(nproc)" --timeout 600) || rc=1
echo "== asan+ubsan build: unit tests"
(cd build/asan && ctest --output-on-failure -j "$(nproc)" -L unit --timeout 900) || rc=1
exit $rc
