#!/usr/bin/env bash
# The API fuzz test: schemathesis against the server's own OpenAPI document. No 5xx, and every
# status code, content type, header and body as documented.
#
#   bash .ci/api_fuzz.sh      (after a build: needs target/debug/server and schemathesis)
#
# On a server of its own: a fresh data directory (SQLite), an administrator and an API token from
# the command line (as an HR system's token would come from the app), and the link limiter set
# for the test (LINK_FAILURE_LIMIT), so generated links are answered 404 as documented instead of
# 429 after the twentieth. Two runs:
#   1. the respondent operations with real personal links: .ci/api_fuzz_prepare.py opens a scan
#      through the API and binds `token` to its links (read from the .eml outbox);
#   2. every operation; the stateful phase follows the document's OpenAPI links (create a scan →
#      invite, open, remind, close, reopen, release, report …; a conversation record from the
#      caller's list → plan, agenda, held, summary, approve, sign, readers, PDF, audit …)
#      instead of guessing ids.
# Then .ci/api_fuzz_reach.py fails the command when an operation never got past the door (only
# 401/404/413/415/422/429), so a broken link or preparation cannot pass quietly. The last line
# is the summary .ci/test.sh reports: "API fuzz: N cases passed; ...".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SERVER="$ROOT/target/debug/server"
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

DATA="$WORK/data"
mkdir -m 700 "$DATA"
# The planner of the documented example of a new conversation (ConversationInput): a record is
# visible to its parties only, so the examples phase creates records the token's account is a
# party to, and the stateful phase follows them from the caller's list through their life.
ADMIN=burgemeester@gemeente.nl
printf '%s\n' "een-lang-wachtwoord-voor-de-fuzztest" | DATA_DIR="$DATA" "$SERVER" create-admin --email "$ADMIN" >/dev/null
API_TOKEN="$(DATA_DIR="$DATA" "$SERVER" create-api-token --email "$ADMIN" --name schemathesis)"

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
# Far more unknown links than a run sends: the limiter never answers 429 during the test.
LISTEN_ADDR="127.0.0.1:$PORT" BASE_URL="$BASE" DATA_DIR="$DATA" LINK_FAILURE_LIMIT=1000000 \
  RUST_LOG=warn "$SERVER" serve >"$WORK/server.log" 2>&1 &
SERVER_PID="$!"
for _ in $(seq 1 100); do
  if curl -fsS "$BASE/healthz" >/dev/null 2>&1; then break; fi
  sleep 0.2
done
curl -fsS "$BASE/api/v1/openapi.json" -o "$WORK/openapi.json" \
  || { echo "error: the fuzz server did not start; its log:" >&2; cat "$WORK/server.log" >&2; exit 1; }

python3 .ci/api_fuzz_prepare.py --base-url "$BASE" --token "$API_TOKEN" --data-dir "$DATA" \
  --config "$WORK/respond.toml" --all-config "$WORK/all.toml"

CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance
status=0
echo "==> API fuzz run 1 of 2: the respondent operations, with real personal links" >&2
# (No stateful phase: no link leads from one respondent operation to another.)
schemathesis --config-file "$WORK/respond.toml" run "$BASE/api/v1/openapi.json" --include-tag respond \
  --phases examples,coverage,fuzzing --checks "$CHECKS" --max-examples 50 --workers 1 --seed 2026 \
  --report har --report-har-path "$WORK/respond.har" 2>&1 | tee "$WORK/respond.log" || status=$?
echo "==> API fuzz run 2 of 2: every operation, the stateful phase following the OpenAPI links" >&2
SCHEMATHESIS_HOOKS="$ROOT/.ci/api_fuzz_hooks.py" \
  schemathesis --config-file "$WORK/all.toml" run "$BASE/api/v1/openapi.json" \
  --header "Authorization: Bearer $API_TOKEN" \
  --checks "$CHECKS" --max-examples 50 --workers 1 --seed 2026 \
  --report har --report-har-path "$WORK/all.har" 2>&1 | tee "$WORK/all.log" || status=$?

# How far the runs got, also when they failed (the reach check fails the command on its own).
reach=0
python3 .ci/api_fuzz_reach.py "$WORK/openapi.json" "$WORK/respond.har" "$WORK/all.har" --require-reach \
  | tee "$WORK/reach.txt" || reach=$?
if [ "$status" != 0 ]; then
  echo "error: schemathesis found failures (above); the end of the server's log:" >&2
  tail -n 20 "$WORK/server.log" >&2
  exit "$status"
fi
[ "$reach" = 0 ] || exit "$reach"
cases="$(cat "$WORK/respond.log" "$WORK/all.log" | grep -Eo '[0-9]+ generated, [0-9]+ passed' \
  | awk '{ n += $3 } END { print n + 0 }')"
echo "API fuzz: $cases cases passed; $(grep -E '^[0-9]+ operations' "$WORK/reach.txt")"
