#!/usr/bin/env bash
# Layer 2: the live walker, clean/restore and the reader view in real headless
# Chromium and Firefox, through wasm-bindgen-test.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
wasm-pack test --headless --chrome --firefox --mode no-install \
  --chromedriver /usr/bin/chromedriver --geckodriver "$HOME/.cargo/bin/geckodriver" -- --test web
