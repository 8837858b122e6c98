#!/usr/bin/env bash
# Replaces README.md's settings table (between <!-- settings:begin --> and <!-- settings:end -->) with
# the output of `finguard settings`; unit_core's SettingsDocTest fails until this has been run.
#   bash scripts/update-settings-table.sh [FINGUARD_BINARY]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/release/finguard}
table=$(mktemp)
trap 'rm -f "$table" "$table.readme"' EXIT
"$bin" settings >"$table"
awk -v table="$table" '
  /^<!-- settings:begin -->$/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
  /^<!-- settings:end -->$/ { skip = 0 }
  !skip { print }
' "$root/README.md" >"$table.readme"
cat "$table.readme" >"$root/README.md"  # keeps README.md's mode
