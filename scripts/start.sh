#!/usr/bin/env bash
# `npm start`: installs what the build needs, builds pkg/ and both extensions,
# then serves the demo on http://127.0.0.1:8080/www/.
#
# On a fresh machine the slow part is compiling wasm-bindgen-cli; the crate's
# own two builds need only the wasm32 target, so they run meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS

bash scripts/bootstrap.sh target
bash scripts/bootstrap.sh build &
tools=$!
compiled=0
bash scripts/build.sh --compile-only || compiled=$?
wait "$tools"
[ "$compiled" -eq 0 ] || exit "$compiled"
bash scripts/build.sh
echo "[start] built in $((SECONDS - start)) s"
exec node scripts/serve.mjs www
