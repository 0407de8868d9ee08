#!/usr/bin/env bash
# Rewrites the golden outputs (tests/golden/) from the current core, when a
# change to them is intended; `git diff tests/golden` then shows what it did.
# Pages given as arguments become new cases first.
#
#   npm run golden                                      rewrite every case
#   npm run golden -- tests/fixtures/article/katex.html add a page as a case (and rewrite every case)
set -euo pipefail
cd "$(dirname "$0")/.."
for page in "$@"; do
  rel=${page#./}
  rel=${rel#tests/fixtures/}
  if [ "$rel" = "${page#./}" ] || [ "${rel%.html}" = "$rel" ] || [ ! -f "tests/fixtures/$rel" ]; then
    echo "golden: $page is not a page under tests/fixtures/ (tests/fixtures/NAME.html)" >&2
    exit 2
  fi
  mkdir -p "tests/golden/${rel%.html}"
done
GOLDEN_UPDATE=1 cargo test --locked --quiet --test golden -- --nocapture
