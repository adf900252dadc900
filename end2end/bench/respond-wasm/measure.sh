#!/usr/bin/env bash
# Weighs the respondent's enhancement two ways (issue 23): as this crate's WebAssembly module
# plus its wasm-bindgen glue, and as the plain JavaScript the app inlines into each respondent
# page (app/src/respond/enhance.js). Builds the crate (release, wasm32), runs wasm-bindgen and
# prints raw, gzip -9 and brotli -q 11 sizes and the requests each approach costs a page.
#
#   end2end/bench/respond-wasm/measure.sh
#
# The build goes to $CARGO_TARGET_DIR (default /tmp/respond-wasm-target), the wasm-bindgen output
# to $CARGO_TARGET_DIR/pkg, where startup.mjs serves it from.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/tmp/respond-wasm-target}"
PKG="$CARGO_TARGET_DIR/pkg"
JS="$ROOT/app/src/respond/enhance.js"

# The CLI must be the version Cargo.lock pins, or its output does not fit the module.
want="$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p}' "$HERE/Cargo.lock")"
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" || true
if [ "$have" != "$want" ]; then
  echo "need wasm-bindgen $want (have: ${have:-none}): cargo install wasm-bindgen-cli --version $want" >&2
  exit 2
fi

echo "building (release, wasm32-unknown-unknown) into $CARGO_TARGET_DIR" >&2
cargo build --manifest-path "$HERE/Cargo.toml" --locked --release --target wasm32-unknown-unknown >&2
rm -rf "$PKG"
# wasm-bindgen warns that strip = true removed the target-features section; the output works
# (startup.mjs loads it), as with the app's own release bundle.
wasm-bindgen --target web --no-typescript --out-dir "$PKG" \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/respond_enhance.wasm" 2> >(grep -v '^$' >&2)

WASM="$PKG/respond_enhance_bg.wasm"
GLUE="$PKG/respond_enhance.js"
# The page's start-up script for the WebAssembly variant (inlined, like the app's before
# enhance.js): the glue's init fetches and instantiates the module, whose start function
# puts the listeners on the document. startup.mjs uses this same text.
START='import init from "/pkg/respond_enhance.js";init({module_or_path:"/pkg/respond_enhance_bg.wasm"});'
printf '%s' "$START" > "$PKG/start.js"

raw() { wc -c < "$1"; }
gz() { gzip -9 -c "$1" | wc -c; }
br() { brotli -q 11 -c "$1" | wc -c; }

row() { printf '%-44s %8s %8s %8s\n' "$1" "$2" "$3" "$4"; }
sizes() { row "$1" "$(raw "$2")" "$(gz "$2")" "$(br "$2")"; }

echo
row "file (bytes)" raw "gzip -9" "br -q 11"
sizes "WebAssembly module (respond_enhance_bg.wasm)" "$WASM"
sizes "its glue (respond_enhance.js)" "$GLUE"
sizes "its inline start-up script" "$PKG/start.js"
row "WebAssembly variant, sum of the three" "$(( $(raw "$WASM") + $(raw "$GLUE") + $(raw "$PKG/start.js") ))" \
  "$(( $(gz "$WASM") + $(gz "$GLUE") + $(gz "$PKG/start.js") ))" \
  "$(( $(br "$WASM") + $(br "$GLUE") + $(br "$PKG/start.js") ))"
sizes "JavaScript variant (enhance.js, inlined)" "$JS"
echo
# What goes over the wire as the app serves things: static files from their Brotli copies, the
# respondent's pages (and so anything inlined in them) uncompressed.
echo "body bytes on the wire as the app serves them (no headers):"
echo "  WebAssembly variant: $(( $(br "$WASM") + $(br "$GLUE") + $(raw "$PKG/start.js") )) (module and glue as Brotli, start-up script raw in the page)"
echo "  JavaScript variant:  $(raw "$JS") (raw, inside the uncompressed page)"

# wasm-bindgen writes a name section of its own (function names, for stack traces); the flags
# below drop it and the producers section. Not what startup.mjs serves; shown for the smallest
# module wasm-bindgen alone can give.
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
  --out-dir "$PKG/no-names" "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/respond_enhance.wasm" 2> /dev/null
echo
sizes "module without name/producers sections" "$PKG/no-names/respond_enhance_bg.wasm"
rm -rf "$PKG/no-names"

if command -v wasm-opt > /dev/null; then
  # Not what a browser gets: Debian's binaryen breaks wasm-bindgen 0.2.130 output (see
  # .ci/build_site.sh); shown only to say what an optimiser would still remove.
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-reference-types \
    -o "$PKG/optimised.wasm" "$WASM" 2> /dev/null && {
    echo
    sizes "wasm-opt -Oz module (NOT verified to load)" "$PKG/optimised.wasm"
  }
  rm -f "$PKG/optimised.wasm"
fi

cat <<EOF

requests a respondent page makes for the enhancement (besides the page and its stylesheet):
  JavaScript variant:   0  (the script is inlined into the page, allowed by its CSP hash)
  WebAssembly variant:  2  (the glue and the .wasm; the start-up script above is inlined into the
                            page, and <link rel=modulepreload>/<link rel=preload as=fetch> start
                            both downloads while the head is parsed, as the app's pages did
                            before enhance.js; 3 if the start-up script were a file of its own)
EOF
