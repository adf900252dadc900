#!/usr/bin/env bash
# Builds the browser side of the site into target/site/pkg, the steps cargo-leptos would run,
# done directly so a fresh machine needs no cargo-leptos (issue 23):
#   1. the organiser app's WebAssembly: `cargo build -p app` for wasm32 with the `hydrate` feature;
#   2. its JavaScript glue: wasm-bindgen (the CLI matching Cargo.lock, see ensure_wasm_bindgen);
#   3. for the release, wasm-opt -Oz on wasm-bindgen's output, which also drops the names and
#      the producers section (binaryen from npm, see ensure_wasm_opt: Debian's version 108
#      breaks wasm-bindgen 0.2.130's externref table — "WebAssembly.Table.set(): Argument 1 is
#      invalid for table" in the browser);
#   4. the stylesheet, copied;
#   5. content-hashed names (ontwikkelscan.<hash>.js/.wasm/.css) listed in pkg/hash.txt, which
#      the server reads to name them in its pages and to serve them as immutable;
#   6. Brotli and gzip copies of each (precompress_site).
# The new files are put together beside the old ones and swapped in at the end, so a failed
# build leaves the previous site in place.
#
#   .ci/build_site.sh           the wasm-release profile, best compression: what the run command
#                               serves and the test command tests
#   .ci/build_site.sh --debug   a quicker, far larger build while developing
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source .ci/tools.sh

OUTPUT_NAME="ontwikkelscan"
if [ -z "${1:-}" ]; then
  profile="wasm-release"; profile_dir="wasm-release"; quality=11; optimise=1
elif [ "${1:-}" = "--debug" ]; then
  profile="dev"; profile_dir="debug"; quality=4; optimise=0
else
  echo "usage: .ci/build_site.sh [--debug]" >&2; exit 2
fi

log "compiling the organiser app's WebAssembly (profile $profile)"
cargo build -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate \
  --profile "$profile"

mkdir -p "$ROOT/target/site"
stage="$(mktemp -d "$ROOT/target/site/pkg.new.XXXXXX")"
chmod 755 "$stage" # mktemp makes it private; a server running as another user reads it
trap 'rm -rf "$stage"' EXIT

log "generating the JavaScript glue (wasm-bindgen)"
wasm-bindgen --target web --no-typescript --out-name "$OUTPUT_NAME" --out-dir "$stage" \
  "$ROOT/target/wasm32-unknown-unknown/$profile_dir/app.wasm"
mv "$stage/${OUTPUT_NAME}_bg.wasm" "$stage/$OUTPUT_NAME.wasm"

if [ "$optimise" = 1 ]; then
  ensure_wasm_opt
  log "optimising the WebAssembly for size (wasm-opt -Oz)"
  before="$(stat -c %s "$stage/$OUTPUT_NAME.wasm")"
  # The features the module was compiled with come from its target_features section.
  "$WASM_OPT" -Oz --strip-debug --strip-producers --strip-target-features \
    "$stage/$OUTPUT_NAME.wasm" -o "$stage/$OUTPUT_NAME.opt.wasm"
  mv "$stage/$OUTPUT_NAME.opt.wasm" "$stage/$OUTPUT_NAME.wasm"
  log "wasm-opt: $before -> $(stat -c %s "$stage/$OUTPUT_NAME.wasm") bytes"
fi

# Comments and indentation are for the reader of style/main.css, not for the browser. The
# stylesheet has no string containing "/*", which is what makes this plain pattern safe.
perl -0pe 's{/\*.*?\*/}{}gs; s{[ \t]+\n}{\n}g; s{\n[ \t]*}{\n}g; s{\n+}{\n}g' "$ROOT/style/main.css" > "$stage/$OUTPUT_NAME.css"

content_hash() { sha256sum "$1" | cut -c1-16; }

# The glue names the WebAssembly file (its fallback when no path is given), so the WebAssembly is
# renamed first and the glue hashed with the new name in it.
wasm_hash="$(content_hash "$stage/$OUTPUT_NAME.wasm")"
mv "$stage/$OUTPUT_NAME.wasm" "$stage/$OUTPUT_NAME.$wasm_hash.wasm"
sed -i "s/${OUTPUT_NAME}_bg\.wasm/$OUTPUT_NAME.$wasm_hash.wasm/g" "$stage/$OUTPUT_NAME.js"
js_hash="$(content_hash "$stage/$OUTPUT_NAME.js")"
mv "$stage/$OUTPUT_NAME.js" "$stage/$OUTPUT_NAME.$js_hash.js"
css_hash="$(content_hash "$stage/$OUTPUT_NAME.css")"
mv "$stage/$OUTPUT_NAME.css" "$stage/$OUTPUT_NAME.$css_hash.css"
# Leptos' HydrationScripts reads the `js` and `wasm` lines; the server reads `css` too.
printf 'js: %s\nwasm: %s\ncss: %s\n' "$js_hash" "$wasm_hash" "$css_hash" > "$stage/hash.txt"

precompress_site "$quality" "$stage"

rm -rf "$ROOT/target/site/pkg"
mv "$stage" "$ROOT/target/site/pkg"
trap - EXIT
log "site built: $(cd "$ROOT/target/site/pkg" && ls -1 | tr '\n' ' ')"
