#!/usr/bin/env bash
# Installs the tools Ontwikkelscan needs, each only when it is missing or at the wrong version,
# so a second run on the same machine installs nothing. Only the package registries (crates.io,
# npm, Debian) are used: nothing is downloaded from anywhere else.
#
#   source .ci/tools.sh; ensure_build_tools; ensure_test_tools
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CARGO_LEPTOS_VERSION="0.3.11"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "error: '$*' needs root and sudo is not available" >&2; return 1; fi
}

APT_UPDATED=""
apt_install() {
  if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "installing the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

# Optional, for `cargo leptos watch` while developing: the run and test commands build the site
# with .ci/build_site.sh and need no cargo-leptos (issue 23).
# cargo-leptos 0.3.11's own lockfile (and a fresh resolution) pull crates that need a newer
# rustc than these machines have; .ci/cargo-leptos-0.3.11.lock pins the two offenders
# (cargo-util-schemas, kstring) to versions that build with rustc 1.95.
ensure_cargo_leptos() {
  if cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then return; fi
  log "building cargo-leptos $CARGO_LEPTOS_VERSION from crates.io (about 15 minutes on 2 cores)"
  local work; work="$(mktemp -d)"
  mkdir -p "$work/fetch/src"
  printf '[package]\nname = "fetch-cargo-leptos"\nversion = "0.0.0"\nedition = "2021"\n[dependencies]\ncargo-leptos = "=%s"\n' \
    "$CARGO_LEPTOS_VERSION" > "$work/fetch/Cargo.toml"
  touch "$work/fetch/src/lib.rs"
  cargo fetch --quiet --manifest-path "$work/fetch/Cargo.toml"
  local crate_file
  crate_file="$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/cargo-leptos-"$CARGO_LEPTOS_VERSION".crate | head -n 1)"
  tar -xzf "$crate_file" -C "$work"
  local src="$work/cargo-leptos-$CARGO_LEPTOS_VERSION"
  rm -f "$src/rust-toolchain.toml"
  cp "$ROOT/.ci/cargo-leptos-$CARGO_LEPTOS_VERSION.lock" "$src/Cargo.lock"
  cargo install --locked --path "$src" --features no_downloads
  rm -rf "$work"
}

# The CLI must be exactly the wasm-bindgen version in Cargo.lock (pinned in Cargo.toml).
ensure_wasm_bindgen() {
  local want
  want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")"
  if [ -z "$want" ]; then echo "error: wasm-bindgen not found in Cargo.lock" >&2; return 1; fi
  if wasm-bindgen --version 2>/dev/null | grep -q " $want\$"; then return; fi
  log "installing wasm-bindgen-cli $want"
  cargo install wasm-bindgen-cli --version "$want"
}

# wasm-opt shrinks the release WebAssembly (.ci/build_site.sh). Debian's (binaryen 108) breaks
# wasm-bindgen 0.2.130's output, so binaryen comes from npm at a pinned version (the registry is
# reachable here; the package is binaryen compiled to WebAssembly, run by Node), installed under
# target/tools so it needs no root and goes with `cargo clean`.
BINARYEN_VERSION="132.0.0"
WASM_OPT="$ROOT/target/tools/binaryen/node_modules/binaryen/bin/wasm-opt"
ensure_wasm_opt() {
  local installed="$ROOT/target/tools/binaryen/node_modules/binaryen/package.json"
  if [ -x "$WASM_OPT" ] && grep -q "\"version\": \"$BINARYEN_VERSION\"" "$installed"; then return; fi
  ensure_node
  log "installing wasm-opt (binaryen $BINARYEN_VERSION from npm)"
  mkdir -p "$ROOT/target/tools/binaryen"
  npm install --prefix "$ROOT/target/tools/binaryen" --no-audit --no-fund --loglevel=error \
    "binaryen@$BINARYEN_VERSION"
}

# Debian's brotli compresses the static files ahead of time (precompress_site).
ensure_brotli() {
  if ! command -v brotli >/dev/null; then log "installing brotli"; apt_install brotli; fi
}

# Brotli and gzip copies beside each stylesheet, script and WebAssembly file of the site, which
# the server sends to browsers that accept them (issue 23). QUALITY is brotli's 0-11: the release
# build takes the smallest files, the tests' debug build a quick level.
# DIR defaults to the site's pkg directory.
precompress_site() {
  local quality="${1:-11}" dir="${2:-$ROOT/target/site/pkg}" file
  log "precompressing the site's static files (brotli -q $quality, gzip -9)"
  for file in "$dir"/*.css "$dir"/*.js "$dir"/*.wasm; do
    [ -e "$file" ] || continue
    brotli -f -q "$quality" -o "$file.br" "$file"
    gzip -9 -k -f -n "$file"
  done
}

ensure_chromium() {
  if ! command -v chromium >/dev/null; then log "installing Chromium"; apt_install chromium; fi
}

# The report's print test reads its PDF back as text: Debian's poppler-utils (pdftotext).
ensure_pdftotext() {
  if ! command -v pdftotext >/dev/null; then log "installing poppler-utils (pdftotext)"; apt_install poppler-utils; fi
}

ensure_node() {
  if ! command -v npm >/dev/null; then log "installing Node.js and npm"; apt_install nodejs npm; fi
}

# Playwright's own browser download cannot work here: the tests drive Debian's Chromium.
ensure_end2end_deps() {
  ensure_node
  local stamp="$ROOT/end2end/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$ROOT/end2end/package-lock.json" -nt "$stamp" ]; then
    log "installing the end-to-end test dependencies (npm ci)"
    (cd "$ROOT/end2end" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# The outbox tests talk to a real SMTP server: aiosmtpd, started by the tests themselves.
ensure_aiosmtpd() {
  if ! python3 -c 'import aiosmtpd' 2>/dev/null; then
    log "installing aiosmtpd (the SMTP server of the email tests)"
    python3 -m pip install --quiet aiosmtpd
  fi
}

# The API is fuzzed against its own OpenAPI document by schemathesis.
SCHEMATHESIS_VERSION="4.32.5"
ensure_schemathesis() {
  if ! python3 -m schemathesis.cli --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION" \
    && ! schemathesis --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
    log "installing schemathesis $SCHEMATHESIS_VERSION (the API fuzz test)"
    python3 -m pip install --quiet "schemathesis==$SCHEMATHESIS_VERSION"
  fi
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_wasm_bindgen
  ensure_wasm_opt
  ensure_brotli
}

# The test command checks formatting and lints.
ensure_lint_tools() {
  local installed; installed="$(rustup component list --installed)"
  for component in rustfmt clippy; do
    if ! grep -q "^$component" <<<"$installed"; then
      log "installing the $component component"
      rustup component add "$component"
    fi
  done
}

ensure_test_tools() {
  ensure_build_tools
  ensure_lint_tools
  ensure_chromium
  ensure_pdftotext
  ensure_end2end_deps
  ensure_aiosmtpd
  ensure_schemathesis
}
