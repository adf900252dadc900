#!/usr/bin/env bash
# The test command (README): installs what the tests need, builds the app once, runs every Rust
# test (storage tests on SQLite, and on PostgreSQL when it answers on 127.0.0.1:5432), then the
# browser tests in Debian's Chromium against two freshly started servers (with and without
# JavaScript).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source .ci/tools.sh

ensure_test_tools

log "formatting (cargo fmt --check)"
cargo fmt --all --check

# Only the WebAssembly bundle and CSS here (.ci/build_site.sh): `cargo test` below builds the
# server binary itself. The release bundle, as the run command serves it: the browser tests
# exercise what a user gets, and the budget test weighs it.
bash .ci/build_site.sh

if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  export TEST_POSTGRES_URL="${TEST_POSTGRES_URL:-postgres://$(id -un)@127.0.0.1:5432/test}"
  log "PostgreSQL answers: storage tests run on SQLite and PostgreSQL ($TEST_POSTGRES_URL)"
else
  log "PostgreSQL does not answer on 127.0.0.1:5432: storage tests run on SQLite only"
fi

log "Rust tests (also builds target/debug/server for the browser tests)"
# No retry and no rewritten summary: a failing test fails this command, once, as it printed.
RUST_LOG_FILE="$(mktemp)"
cargo test --workspace --no-fail-fast 2>&1 | tee "$RUST_LOG_FILE"
rust_passed="$(awk '/^test result:/ { n += $4 } END { print n + 0 }' "$RUST_LOG_FILE")"
rm -f "$RUST_LOG_FILE"

# Lints for both feature sets: the server (ssr, every target: tests and benches too) and the
# browser bundle (hydrate, on wasm32). Warnings are errors, as in review.
log "clippy (ssr, all targets)"
cargo clippy --workspace --all-targets -- -D warnings
log "clippy (hydrate, wasm32)"
cargo clippy -p app --lib --features hydrate --target wasm32-unknown-unknown -- -D warnings

log "browser tests"
WORK="$(mktemp -d)"
# start_server runs in a command substitution (a subshell), so it leaves each server's process
# id in a file for the cleanup to find; an array filled there would never reach this shell.
cleanup() {
  for pidfile in "$WORK"/*.pid; do
    [ -e "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_server() { # name -> prints base URL
  local name="$1" port; port="$(free_port)"
  mkdir -p "$WORK/$name"
  LISTEN_ADDR="127.0.0.1:$port" BASE_URL="http://127.0.0.1:$port" DATA_DIR="$WORK/$name" \
    SITE_ROOT="$ROOT/target/site" RUST_LOG=warn \
    "$ROOT/target/debug/server" serve >"$WORK/$name.log" 2>&1 &
  echo "$!" >"$WORK/$name.pid"
  for _ in $(seq 1 100); do
    if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then echo "http://127.0.0.1:$port"; return; fi
    sleep 0.2
  done
  echo "error: the $name server did not become healthy; its log:" >&2; cat "$WORK/$name.log" >&2; return 1
}

BASE_URL_JS="$(start_server js)"
BASE_URL_NOJS="$(start_server nojs)"
# The respondent tests read their personal links from the .eml files the servers write.
DATA_DIR_JS="$WORK/js"
DATA_DIR_NOJS="$WORK/nojs"
export BASE_URL_JS BASE_URL_NOJS DATA_DIR_JS DATA_DIR_NOJS
E2E_LOG_FILE="$WORK/playwright.log"
(cd end2end && npx playwright test) 2>&1 | tee "$E2E_LOG_FILE"
browser_passed="$(grep -Eo '^ +[0-9]+ passed' "$E2E_LOG_FILE" | grep -Eo '[0-9]+' | tail -n 1)"

# The API against its own OpenAPI document (.ci/api_fuzz.sh): no 5xx, every status, content type,
# header and body as documented. On a server of its own (the link limiter set for the test):
# first the respondent operations with real personal links, then every operation, the stateful
# phase following the document's links (create a scan -> invite, open, close, report ...); fails
# when an operation never got past 401/404/413/415/422/429.
log "API fuzz test (schemathesis against /api/v1/openapi.json)"
ST_LOG_FILE="$WORK/schemathesis.log"
bash .ci/api_fuzz.sh 2>&1 | tee "$ST_LOG_FILE"
api_cases="$(grep -Eo '^API fuzz: [0-9]+ cases passed' "$ST_LOG_FILE" | grep -Eo '[0-9]+' | tail -n 1)"

# --- Two processes, one product (issue 19) -------------------------------------------------
# The browser tests again, against two server processes on one fresh PostgreSQL database behind
# one address, every request going to the other process in turn (.ci/two_processes.sh).
if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  log "browser tests against two server processes on one PostgreSQL database"
  TWO_LOG_FILE="$WORK/two_processes.log"
  bash .ci/two_processes.sh 2>&1 | tee "$TWO_LOG_FILE"
  two_passed="$(grep -Eo '^ +[0-9]+ passed' "$TWO_LOG_FILE" | grep -Eo '[0-9]+' | tail -n 1)"
  log "two processes, one PostgreSQL database: ${two_passed:-0} browser tests passed"
else
  log "PostgreSQL does not answer on 127.0.0.1:5432: no two-process run"
fi

echo "Rust: $rust_passed passed; browser: ${browser_passed:-0} passed; API fuzz: ${api_cases:-0} cases passed"
# Every stage above stops the command on its first failure (set -e, pipefail), so reaching this
# line means nothing failed.
echo "$((rust_passed + ${browser_passed:-0} + 1)) passed, 0 failed"
