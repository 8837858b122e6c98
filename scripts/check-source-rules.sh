#!/usr/bin/env bash
# House rules that a compiler cannot see. Each rule prints the offending lines and fails the run.
set -uo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"
fail=0
rule() {  # rule NAME PATTERN PATHS... : fails when grep finds PATTERN
  local name=$1 pattern=$2; shift 2
  local hits
  hits=$(grep -rnE --include='*.cpp' --include='*.hpp' "$pattern" "$@" 2>/dev/null || true)
  if [ -n "$hits" ]; then
    echo "source rule broken: $name"
    echo "$hits"
    fail=1
  fi
}
# The test-only scope factory is defined under tests/ only.
rule "ScopeForTest is test-only" 'class[[:space:]]+ScopeForTest[[:space:]]*\{|ScopeForTest::' src
# No raw new/delete (RAII everywhere).
rule "no raw new/delete" '(^|[^_[:alnum:]])new[[:space:]]+[A-Za-z_:<>]+[[:space:]]*[\(\[{;]|(^|[[:space:]])delete(\[\])?[[:space:]]+[A-Za-z_]' src
# SQL is parameterized: no SQL keyword glued to a runtime string with + or fmt::format.
rule "no string-built SQL" '"[[:space:]]*(SELECT|INSERT|UPDATE|DELETE)[^"]*"[[:space:]]*\+|fmt::format\([[:space:]]*"[[:space:]]*(SELECT|INSERT|UPDATE|DELETE)' src
# Cloud clients are read-only: no write verbs in src/cloud.
if [ -d src/cloud ]; then
  rule "read-only cloud clients" '"(PUT|DELETE|PATCH)"|Create[A-Z][A-Za-z]+|Delete[A-Z][A-Za-z]+|Modify[A-Z][A-Za-z]+|Terminate[A-Z]' src/cloud
fi
# The API tier never includes the vault (check-layering enforces it too; this is the belt).
rule "api never includes vault" '#include[[:space:]]+"vault/' src/api
# A module's internal/ headers stay inside it (not reachable from a header another module includes).
python3 scripts/check-internal-headers.py "$root" || fail=1
exit $fail
