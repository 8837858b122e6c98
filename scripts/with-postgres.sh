#!/usr/bin/env bash
# with-postgres.sh CMD...: runs CMD with a throw-away PostgreSQL 15 on 127.0.0.1 (temp dir, random free
# port, run as a non-root user), exporting FG_TEST_PG_URL (superuser URL) and FG_TEST_REQUIRE_PG=1.
# The server is stopped and its directory removed afterwards, whatever CMD returns.
set -euo pipefail
PGBIN=/usr/lib/postgresql/15/bin
[ -x "$PGBIN/initdb" ] || { echo "with-postgres: PostgreSQL 15 is not installed (make deps)" >&2; exit 1; }
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" -eq 0 ]; then
  PGD=$(runuser -u postgres -- mktemp -d /tmp/fg-pg.XXXXXX)
else
  PGD=$(mktemp -d /tmp/fg-pg.XXXXXX)
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
cleanup() {
  as_pg "$PGBIN/pg_ctl" -D "$PGD/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGD"
}
trap cleanup EXIT
as_pg "$PGBIN/initdb" -D "$PGD/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGD/data" -l "$PGD/pg.log" -w -o \
  "-c listen_addresses=127.0.0.1 -p $PORT -k $PGD -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null
export FG_TEST_PG_URL="postgresql://postgres@127.0.0.1:$PORT/postgres"
export FG_TEST_REQUIRE_PG=1
echo "with-postgres: PostgreSQL 15 on 127.0.0.1:$PORT"
set +e
"$@"
rc=$?
set -e
exit $rc
