#!/usr/bin/env bash
# run-fuzz.sh TARGET [SECONDS] [extra libFuzzer flags...]: builds tests/fuzz/TARGET_fuzz.cpp with the
# `fuzz` preset (clang-14, libFuzzer, ASan+UBSan) and runs it for SECONDS (default 60) on a corpus in
# build/fuzz/corpus/TARGET, seeded from the test files of that parser. Exits non-zero when the fuzzer
# finds a crash, a leak, a timeout or an out-of-memory input (the input is saved under build/fuzz/).
#   scripts/run-fuzz.sh parquet 60          (what make test runs)
#   nice scripts/run-fuzz.sh parquet 3600   (a longer run; see docs/FORMATS.md for the last result)
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=${1:?usage: run-fuzz.sh TARGET [SECONDS]}
SECONDS_TO_RUN=${2:-60}
shift $(( $# >= 2 ? 2 : 1 ))
export CCACHE_BASEDIR=$PWD CCACHE_NOHASHDIR=true
cmake --preset fuzz >/dev/null
cmake --build build/fuzz --target "fuzz_$TARGET" >/dev/null
CORPUS=build/fuzz/corpus/$TARGET
mkdir -p "$CORPUS" build/fuzz/artifacts
case "$TARGET" in
  parquet) SEEDS=(tests/data/parquet) ;;
  *) SEEDS=() ;;
esac
cd build/fuzz
# -rss_limit_mb bounds memory (a reader that allocates what a header claims fails here); -timeout
# flags an input that takes more than 10 s (a decoder loop that does not advance).
exec "./tests/fuzz/fuzz_$TARGET" -max_total_time="$SECONDS_TO_RUN" -rss_limit_mb=2048 -malloc_limit_mb=1024 \
  -timeout=10 -print_final_stats=1 -artifact_prefix=artifacts/ "$@" "corpus/$TARGET" "${SEEDS[@]/#/../../}"
