#!/usr/bin/env bash
# The run command (README): installs missing build tools, builds a release, migrates the
# database (on start) and serves on http://127.0.0.1:3000 unless LISTEN_ADDR/BASE_URL say
# otherwise. Extra arguments go to the server (e.g. `create-admin --email …`).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source .ci/tools.sh

ensure_build_tools
log "building the server (cargo build --release -p server)"
cargo build --release -p server
bash .ci/build_site.sh
export SITE_ROOT="${SITE_ROOT:-$ROOT/target/site}"
log "starting Ontwikkelscan"
exec "$ROOT/target/release/server" "${@:-serve}"
