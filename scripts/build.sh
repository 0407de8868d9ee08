#!/usr/bin/env bash
# Builds the web package (pkg/) and both extension folders (dist/chrome, dist/firefox).
#
#   bash scripts/build.sh                 everything
#   bash scripts/build.sh --compile-only  only the two cargo builds (the release wasm and the
#                                         MVP wasm for the JS fallback), side by side; start.sh
#                                         runs this while bootstrap.sh is still installing tools
#
# No wasm-pack: building is cargo, then wasm-bindgen, then binaryen's wasm-opt
# (what `wasm-pack build` runs), so `npm start` need not wait for wasm-pack's
# own three-minute install. Tests still run through `wasm-pack test`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

WASM=target/wasm32-unknown-unknown/release/declutter.wasm
# With opt-level 2 (Cargo.toml): LLVM unrolls no loops (O3 and O2 unrolled the
# loops over constant word lists, one month lookup alone was 6.6 KiB) and
# inlines only small functions. 10 % less wasm, speed within noise (see
# [profile.release]). Only this build: tests and the MVP fallback keep theirs.
WASM_SIZE_FLAGS='target.wasm32-unknown-unknown.rustflags=["-Cllvm-args=-unroll-threshold=0", "-Cllvm-args=-inline-threshold=100"]'

compile() {
  # The JS fallback's MVP build and the release build use separate target
  # folders, so they run at once: their long single-threaded ends (LTO with
  # one codegen unit) overlap instead of queueing.
  local fallback=""
  if [ "${DECLUTTER_NO_JS_FALLBACK:-}" != 1 ]; then
    node scripts/build-extension.mjs --compile-fallback &
    fallback=$!
  fi
  cargo build --quiet --locked --lib --release --target wasm32-unknown-unknown --config "$WASM_SIZE_FLAGS"
  if [ -n "$fallback" ]; then wait "$fallback"; fi
}

compile
[ "${1:-}" = "--compile-only" ] && exit 0

# The web package: an ES module (pkg/declutter.js) and its wasm.
rm -rf pkg
wasm-bindgen --target web --out-dir pkg --out-name declutter "$WASM"
# -O3: -Os/-Oz gain less than 0.1 % on this module (see [profile.release] in
# Cargo.toml). npm binaryen 132 (first on PATH); Debian's binaryen is too old
# for what Rust emits.
wasm-opt -O3 pkg/declutter_bg.wasm -o pkg/declutter_bg.wasm

node scripts/build-extension.mjs
