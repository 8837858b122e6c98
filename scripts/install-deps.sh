#!/usr/bin/env bash
# Installs the Debian 12 packages finguard needs to build, test and run; skips apt when all are there.
set -euo pipefail
PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config python3 git curl ca-certificates tzdata
  libssl-dev libsodium-dev libargon2-dev libsqlite3-dev sqlite3 libpq-dev postgresql-15
  libboost-dev libboost-system-dev nlohmann-json3-dev libsimdjson-dev libspdlog-dev libfmt-dev libcli11-dev
  libcurl4-openssl-dev libzstd-dev zstd zlib1g-dev libhowardhinnant-date-dev libyaml-cpp-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
