#!/usr/bin/env bash
# Installs what MODE needs (bootstrap.sh build|test) and builds pkg/ and both
# extensions. On a fresh machine the slow part is compiling the cargo tools;
# the crate's own two builds need only the wasm32 target, so they run
# meanwhile instead of after.
#
#   bash scripts/prepare.sh build   what `npm start` and `npm run build` run
#   bash scripts/prepare.sh test    what `npm test` runs first
set -euo pipefail
cd "$(dirname "$0")/.."
MODE="${1:-build}"
start=$SECONDS

bash scripts/bootstrap.sh target
bash scripts/bootstrap.sh "$MODE" &
tools=$!
compiled=0
bash scripts/build.sh --compile-only || compiled=$?
tools_ok=0
wait "$tools" || tools_ok=$?
[ "$tools_ok" -eq 0 ] || exit "$tools_ok"
[ "$compiled" -eq 0 ] || exit "$compiled"
bash scripts/build.sh
echo "[prepare] tools and build ready in $((SECONDS - start)) s"
