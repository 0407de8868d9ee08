#!/usr/bin/env bash
# Builds the web package (pkg/) and both extension folders (dist/chrome, dist/firefox).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

# The release wasm, for the extension and the demo. --mode no-install: wasm-pack
# must never download tools; bootstrap.sh put the pinned ones on PATH.
wasm-pack --quiet build --release --target web --mode no-install --no-pack --out-dir pkg --out-name declutter
rm -f pkg/.gitignore

if [ -f scripts/build-extension.mjs ]; then
  node scripts/build-extension.mjs
fi
