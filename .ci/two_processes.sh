#!/usr/bin/env bash
# Two processes, one product (issue 19): the browser tests against two server processes on one
# PostgreSQL database behind one address, each request going to the other process in turn
# (.ci/round_robin_proxy.py), so a form post and the page it redirects to, a server function
# and the page that shows its result, are served by different processes. Anything that matters
# and lives in one process's memory fails here.
#
#   bash .ci/two_processes.sh [playwright arguments, e.g. a spec file]
#
# Needs PostgreSQL on 127.0.0.1:5432 (trust authentication for the current user), the built
# server (target/debug/server) and site (target/site), and the end2end dependencies: .ci/test.sh
# provides them and calls this script. Each Playwright project (with and without JavaScript) gets
# its own fresh database and pair of processes; the databases are dropped afterwards. Both
# processes share SECRET_KEY (personal links and sealed drafts are derived from it: every process
# of one product needs the same) and a pair shares DATA_DIR (the .eml outbox the respondent
# tests read: either process's outbox worker may send a message). The tests get a setup code
# from `server setup-code` on the pair's database (DATABASE_URL_JS / DATABASE_URL_NOJS).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

for tool in createdb dropdb; do
  command -v "$tool" >/dev/null || { echo "error: $tool not found (Debian: apt-get install postgresql-client)" >&2; exit 1; }
done
PG_USER="$(id -un)"
PG_HOST=127.0.0.1
WORK="$(mktemp -d)"
SECRET_KEY="$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
export SECRET_KEY
PIDS=()
DATABASES=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for db in "${DATABASES[@]}"; do dropdb -h "$PG_HOST" -U "$PG_USER" --if-exists "$db" || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

wait_healthy() { # url log -> waits for /healthz
  for _ in $(seq 1 150); do
    if curl -fsS "$1/healthz" >/dev/null 2>&1; then return; fi
    sleep 0.2
  done
  echo "error: $1 did not become healthy; its log:" >&2; cat "$2" >&2; return 1
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# name -> starts a database, two servers and their proxy; sets PAIR_URL (the proxy's address)
start_pair() {
  local name="$1" db port_a port_b proxy_port
  db="ontwikkelscan_e2e_$(date +%s)_$$_${name}"
  createdb -h "$PG_HOST" -U "$PG_USER" "$db"
  DATABASES+=("$db")
  mkdir -m 700 "$WORK/$name"
  port_a="$(free_port)"
  port_b="$(free_port)"

  # The proxy first: its address is the servers' BASE_URL (links in emails, the Origin check).
  python3 .ci/round_robin_proxy.py --listen 127.0.0.1:0 --port-file "$WORK/$name.proxy-port" \
    "http://127.0.0.1:$port_a" "http://127.0.0.1:$port_b" 2>"$WORK/$name-proxy.log" &
  PIDS+=("$!")
  for _ in $(seq 1 50); do [ -f "$WORK/$name.proxy-port" ] && break; sleep 0.1; done
  proxy_port="$(cat "$WORK/$name.proxy-port")"

  local process port
  for process in a b; do
    if [ "$process" = a ]; then port="$port_a"; else port="$port_b"; fi
    LISTEN_ADDR="127.0.0.1:$port" BASE_URL="http://127.0.0.1:$proxy_port" DATA_DIR="$WORK/$name" \
      DATABASE_URL="postgres://$PG_USER@$PG_HOST:5432/$db" \
      SITE_ROOT="$ROOT/target/site" RUST_LOG=warn \
      "$ROOT/target/debug/server" serve >"$WORK/$name-$process.log" 2>&1 &
    PIDS+=("$!")
    # One after the other: the first migrates the fresh database and loads the frameworks.
    wait_healthy "http://127.0.0.1:$port" "$WORK/$name-$process.log"
  done
  PAIR_URL="http://127.0.0.1:$proxy_port"
  PAIR_DATABASE_URL="postgres://$PG_USER@$PG_HOST:5432/$db"
  wait_healthy "$PAIR_URL" "$WORK/$name-proxy.log"
  echo "==> $name: processes on :$port_a and :$port_b, database $db, proxy $PAIR_URL" >&2
}

start_pair js
BASE_URL_JS="$PAIR_URL"
DATABASE_URL_JS="$PAIR_DATABASE_URL"
start_pair nojs
BASE_URL_NOJS="$PAIR_URL"
DATABASE_URL_NOJS="$PAIR_DATABASE_URL"
DATA_DIR_JS="$WORK/js"
DATA_DIR_NOJS="$WORK/nojs"
export BASE_URL_JS BASE_URL_NOJS DATA_DIR_JS DATA_DIR_NOJS DATABASE_URL_JS DATABASE_URL_NOJS

status=0
(cd end2end && npx playwright test "$@") || status=$?

# How the requests were shared (the proxy prints its counts when it stops).
for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
wait 2>/dev/null || true
PIDS=()
for name in js nojs; do
  split="$(tail -n 1 "$WORK/$name-proxy.log")"
  echo "==> $name: $split" >&2
  # A pair that served the tests served them from both processes (not a proxy stuck on one).
  mapfile -t counts < <(grep -Eo '[0-9]+(,|$)' <<<"$split" | tr -d ,)
  first="${counts[0]:-0}" second="${counts[1]:-0}"
  if [ "$((first + second))" -gt 10 ] && { [ "$first" = 0 ] || [ "$second" = 0 ]; }; then
    echo "error: the $name proxy sent every request to one process" >&2; status=1
  fi
done
if [ "$status" != 0 ]; then
  for log in "$WORK"/*-[ab].log; do
    echo "--- $log (last 40 lines)" >&2; tail -n 40 "$log" >&2
  done
fi
exit "$status"
