#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 server for the test suite (CI and local use).
# initdb/postgres refuse to run as root, so as root they run as the 'postgres' user via runuser.
# Prints DATABASE_URL=... on its last line.
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGDATA_DIR=${PGDATA_DIR:-/tmp/woonmix-pgdata}
PGPORT=${PGPORT:-54329}
PGDB=${PGDB:-woonmix_test}
if [ ! -x "$PGBIN/initdb" ]; then echo "PostgreSQL 15 binaries not found in $PGBIN" >&2; exit 1; fi
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ ! -s "$PGDATA_DIR/PG_VERSION" ]; then
  mkdir -p "$PGDATA_DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PGDATA_DIR"; fi
  chmod 700 "$PGDATA_DIR"
  as_pg "$PGBIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
# loopback only; durability off (throwaway test server)
as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -c unix_socket_directories=$PGDATA_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$PGDB'" | grep -q 1 \
  || as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres "$PGDB"
echo "DATABASE_URL=postgres://postgres@127.0.0.1:$PGPORT/$PGDB"
