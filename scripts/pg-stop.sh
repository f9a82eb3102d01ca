#!/usr/bin/env bash
# Stops the server started by pg-start.sh and deletes its data directory.
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGDATA_DIR=${PGDATA_DIR:-/tmp/woonmix-pgdata}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ -s "$PGDATA_DIR/PG_VERSION" ]; then as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null || true; fi
rm -rf "$PGDATA_DIR"
