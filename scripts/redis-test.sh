#!/usr/bin/env bash
# `npm run test:redis`: the inbox's BullMQ suite against a real Redis server (with arguments: runs that command
# instead, with REDIS_URL set). Installs Debian's `redis-server` package when it is missing, starts a throwaway
# server on 127.0.0.1 (a free port, a temporary directory, no persistence), runs test/inbox/redis, then stops it and
# removes the directory. ARGYLE_REDIS_SERVER names the binary, for tests that start and stop their own server.
# Needs the packages built (`npm run build`).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "redis-test: redis-server is not installed (sudo apt-get install redis-server)" >&2
    exit 1
  fi
  echo "redis-test: installing Debian's redis-server package"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi
BIN=$(command -v redis-server)
PORT=$(node -e 'const s=require("node:net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
DIR=$(mktemp -d "${TMPDIR:-/tmp}/argyle-redis-XXXXXX")
"$BIN" --bind 127.0.0.1 --port "$PORT" --dir "$DIR" --save '' --appendonly no --daemonize no \
  --logfile "$DIR/server.log" &
SERVER=$!
stop_server() {
  kill "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  rm -rf "$DIR"
}
trap stop_server EXIT
for _ in $(seq 1 100); do
  if node -e 'const s=require("node:net").connect(+process.argv[1],"127.0.0.1",()=>process.exit(0));s.on("error",()=>process.exit(1))' "$PORT"; then break; fi
  sleep 0.05
done
echo "redis-test: $("$BIN" --version | cut -d' ' -f1-3) on 127.0.0.1:$PORT"
export REDIS_URL="redis://127.0.0.1:$PORT"
export ARGYLE_REDIS_SERVER="$BIN"
# One file at a time: the outage tests stop and restart this one server, which would fail a file running beside them.
if [ "$#" -gt 0 ]; then "$@"; else npx vitest run test/inbox/redis --no-file-parallelism; fi
