#!/usr/bin/env bash
# build-web.sh: builds the dashboard into web/dist (type check, then vite build), after install-deps
# has `npm ci`ed web/. Skipped when web/dist is newer than every source file of the app.
set -euo pipefail
cd "$(dirname "$0")/../web"
[ -d node_modules ] || bash ../scripts/install-npm-deps.sh
if [ -f dist/index.html ] && [ -z "$(find src public index.html package-lock.json vite.config.ts tsconfig.json -newer dist/index.html -print -quit)" ]; then
  exit 0
fi
echo "build-web: building the dashboard into web/dist"
npm run --silent build >/tmp/finguard-web-build.$$.log 2>&1 || { cat /tmp/finguard-web-build.$$.log >&2; rm -f /tmp/finguard-web-build.$$.log; exit 1; }
rm -f /tmp/finguard-web-build.$$.log
