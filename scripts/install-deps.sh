#!/usr/bin/env bash
# install-deps.sh [run|test]: installs the Debian 12 packages finguard needs, then the npm packages of
# every folder that has a package-lock.json (web/ and tests/tools/*/). `run` (the default) is what
# `make run` needs to build and serve; `test` adds what the tests need (a browser, clang's fuzzer
# runtime). Skips apt when everything is there, and npm where node_modules matches its lock file.
set -euo pipefail
cd "$(dirname "$0")/.."
PROFILE=${1:-run}
PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config python3 git curl ca-certificates tzdata
  libssl-dev libsodium-dev libargon2-dev libsqlite3-dev sqlite3 libpq-dev postgresql-15
  libboost-dev libboost-system-dev nlohmann-json3-dev libsimdjson-dev libspdlog-dev libfmt-dev libcli11-dev
  libcurl4-openssl-dev libzstd-dev zstd zlib1g-dev libhowardhinnant-date-dev libyaml-cpp-dev
  libthrift-dev thrift-compiler libsnappy-dev liblz4-dev libbrotli-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
if [ "$PROFILE" = test ]; then
  PACKAGES+=(chromium clang-14 libclang-rt-14-dev)
fi
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -ne 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "install-deps: installing ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
bash scripts/install-npm-deps.sh
