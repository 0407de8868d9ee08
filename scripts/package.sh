#!/usr/bin/env bash
# Zips each platform's folder (one per extension/platforms/NAME.json:
# dist/chrome, dist/firefox) into dist/declutter-NAME.zip, with manifest.json
# at the archive root (as the Chrome Web Store and addons.mozilla.org want).
# Builds first if needed.
set -euo pipefail
cd "$(dirname "$0")/.."

browsers=()
for platform in extension/platforms/*.json; do browsers+=("$(basename "$platform" .json)"); done
for browser in "${browsers[@]}"; do
  if [ ! -f "dist/$browser/manifest.json" ]; then
    bash scripts/build.sh
    break
  fi
done

if command -v zip >/dev/null 2>&1; then
  for browser in "${browsers[@]}"; do
    out="$PWD/dist/declutter-$browser.zip"
    rm -f "$out"
    # -X: no extra file attributes, so the archive depends only on the files.
    (cd "dist/$browser" && zip -q -r -X -9 "$out" .)
    echo "[package] dist/declutter-$browser.zip ($(du -k "$out" | cut -f1) KiB)"
  done
else
  # Same archives without the zip command (it is not in the bootstrap list).
  node scripts/build-extension.mjs --zip
fi
