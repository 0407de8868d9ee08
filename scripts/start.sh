#!/usr/bin/env bash
# `npm start`: installs what the build needs, builds pkg/ and both extensions
# (scripts/prepare.sh), then serves the demo on http://127.0.0.1:8080/www/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prepare.sh build
exec node scripts/serve.mjs www
