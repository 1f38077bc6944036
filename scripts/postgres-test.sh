#!/usr/bin/env bash
# `npm run test:postgres`: the inbox's several-instances suite against a real PostgreSQL server (with arguments: runs
# that command instead, e.g. the inbox benchmark, with ARGYLE_INBOX_POSTGRES_URL set). Installs Debian's
# `postgresql` package when no server binaries are found, starts a throwaway cluster on 127.0.0.1 (a free port, a
# temporary directory, run as the `postgres` user when we are root), runs test/inbox/postgres, then stops and
# removes the cluster. Needs the packages built (`npm run build`).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "postgres-test: PostgreSQL is not installed (sudo apt-get install postgresql)" >&2
    exit 1
  fi
  echo "postgres-test: installing Debian's postgresql package"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PORT=$(node -e 'const s=require("node:net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
DIR=$(mktemp -d "${TMPDIR:-/tmp}/argyle-pg-XXXXXX")
chmod 755 "$DIR"

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" = 0 ] && chown postgres "$DIR"

PGCTL_START="$BIN/pg_ctl -D $DIR/data -l $DIR/server.log -w -o '-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c max_connections=200' start"
PGCTL_STOP="$BIN/pg_ctl -D $DIR/data -w -m fast stop"
stop_cluster() {
  as_owner bash -c "$PGCTL_STOP" >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop_cluster EXIT

as_owner "$BIN/initdb" -D "$DIR/data" -A trust -U postgres --no-sync >/dev/null
as_owner bash -c "$PGCTL_START" >/dev/null
echo "postgres-test: $("$BIN/postgres" --version) on 127.0.0.1:$PORT"

if [ "$(id -u)" = 0 ]; then
  export ARGYLE_INBOX_POSTGRES_STOP="runuser -u postgres -- bash -c \"$PGCTL_STOP\""
  export ARGYLE_INBOX_POSTGRES_START="runuser -u postgres -- bash -c \"$PGCTL_START\""
else
  export ARGYLE_INBOX_POSTGRES_STOP="$PGCTL_STOP"
  export ARGYLE_INBOX_POSTGRES_START="$PGCTL_START"
fi
export ARGYLE_INBOX_POSTGRES_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
# One file at a time: the outage tests stop and restart this one server, which would fail a file running beside them.
if [ "$#" -gt 0 ]; then "$@"; else npx vitest run test/inbox/postgres --no-file-parallelism; fi
