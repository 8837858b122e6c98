#!/usr/bin/env bash
# install-npm-deps.sh: `npm ci` in every folder with a package-lock.json (web/ and tests/tools/*/),
# from the npm registry only, skipped where node_modules already matches the lock file.
# CORRECTIONS.md "Web tooling": the machine's Node 20.20 is used; Debian's 18 is too old for Vite 7.
set -euo pipefail
cd "$(dirname "$0")/.."
dirs=()
for lock in web/package-lock.json tests/tools/*/package-lock.json; do
  [ -f "$lock" ] && dirs+=("$(dirname "$lock")")
done
[ ${#dirs[@]} -eq 0 ] && exit 0
if ! command -v node >/dev/null; then
  echo "install-npm-deps: node is not installed; finguard needs Node.js >= 20.19 (the machine's own, not Debian's 18)" >&2
  exit 1
fi
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "install-npm-deps: Node.js $(node --version) is too old; Vite 7 needs >= 20.19" >&2
  exit 1
fi
for d in "${dirs[@]}"; do
  stamp="$d/node_modules/.fg-lock-sha256"
  want=$(sha256sum "$d/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then continue; fi
  echo "install-npm-deps: npm ci in $d"
  (cd "$d" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$want" >"$stamp"
done
