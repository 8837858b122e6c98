#!/usr/bin/env bash
# Runs the workplace's layering checker (../shared/tools/check-layering) on src/.
# A broken "never" rule of DESIGN.md exits 1; a missing checker fails too, never passes silently.
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
tool="$root/../shared/tools/check-layering"
if [ ! -x "$tool" ] && [ ! -f "$tool" ]; then
  echo "check-layering: $tool not found (../shared must sit beside the repository)" >&2
  exit 1
fi
exec python3 "$tool" "$root"
