#!/usr/bin/env bash
# Installs what a fresh machine needs, and only that:
#
#   bash scripts/bootstrap.sh build   what `npm start` / `npm run build` need: the
#                                     wasm32 target, wasm-bindgen-cli and the npm
#                                     packages (binaryen's wasm-opt and wasm2js, esbuild)
#   bash scripts/bootstrap.sh test    all of the above, plus what `npm test` needs:
#                                     Chromium, chromedriver and Firefox ESR (Debian),
#                                     wasm-pack and geckodriver
#   bash scripts/bootstrap.sh target  only the wasm32 target (start.sh compiles the
#                                     crate while the tools are still building)
#
# Idempotent: each step checks first, so a warm run takes about a second.
# Independent steps run side by side (apt is network and dpkg, cargo is CPU,
# npm is network), and each one's output goes to a log that is printed only
# when it fails. Versions follow the crate's lock file; they move together.
set -euo pipefail
cd "$(dirname "$0")/.."

MODE="${1:-test}"
case "$MODE" in build | test | target) ;; *)
  echo "usage: bootstrap.sh [build|test|target]" >&2
  exit 2
  ;;
esac

WASM_PACK_VERSION=0.15.1
WASM_BINDGEN_VERSION=0.2.130 # the same as the wasm-bindgen crate in Cargo.lock, exactly
GECKODRIVER_VERSION=0.37.1

export PATH="$HOME/.cargo/bin:$PATH"
# One target folder for every tool that `cargo install` builds: the tools share
# crates (clap, serde, anyhow, ...), so the second and third build reuse them,
# and a version bump rebuilds only what changed.
export CARGO_TARGET_DIR="${DECLUTTER_TOOLS_TARGET:-$HOME/.cache/declutter/tools-target}"

LOGS="$(mktemp -d)"
trap 'rm -rf "$LOGS"' EXIT

log() { printf '[bootstrap] %s\n' "$*"; }
has_version() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -q "$2"; }

pids=()
names=()
# Runs "$@" in the background as step $1; `finish` waits for all of them.
step() {
  local name="$1"
  shift
  log "$name"
  local start=$SECONDS
  ( "$@" >"$LOGS/$name.log" 2>&1 && echo "$((SECONDS - start))" >"$LOGS/$name.time" ) &
  pids+=("$!")
  names+=("$name")
}
finish() {
  local failed=0 i
  for i in "${!pids[@]}"; do
    if wait "${pids[$i]}"; then
      log "${names[$i]}: done in $(cat "$LOGS/${names[$i]}.time" 2>/dev/null || echo '?') s"
    else
      log "${names[$i]}: FAILED; its output:"
      cat "$LOGS/${names[$i]}.log" >&2
      failed=1
    fi
  done
  pids=()
  names=()
  return "$failed"
}

# ---- the steps ------------------------------------------------------------

# Browsers and chromedriver come from Debian, never from a download.
apt_browsers() {
  local need=()
  [ -x /usr/bin/chromium ] || need+=(chromium)
  [ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
  [ -x /usr/bin/firefox-esr ] || need+=(firefox-esr)
  [ ${#need[@]} -gt 0 ] || return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get -o DPkg::Lock::Timeout=900 update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=900 install -y -qq "${need[@]}"
}

# The cargo-built tools, one after the other: they share CARGO_TARGET_DIR and
# the two cores. wasm-bindgen-cli first, since the build waits for it.
cargo_tools() {
  if ! has_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
    # Not --locked: its lock file wants a crate release the registry mirror
    # lacks. No default features: they only add TLS (rustls and ring, a third
    # of the build) for downloads we never make; the test runner talks plain
    # HTTP to a local webdriver.
    cargo install --force --no-default-features wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
  [ "$MODE" = test ] || return 0
  if ! has_version wasm-pack "$WASM_PACK_VERSION"; then
    cargo install --locked wasm-pack --version "$WASM_PACK_VERSION"
  fi
  if ! has_version geckodriver "$GECKODRIVER_VERSION"; then
    cargo install --locked geckodriver --version "$GECKODRIVER_VERSION"
  fi
}

# npm packages: reinstalled only when the lock file changed since the last
# install (the stamp is a copy of the lock file that install used).
NPM_STAMP=node_modules/.bootstrap-lock
npm_needed() {
  [ ! -f "$NPM_STAMP" ] || ! cmp -s package-lock.json "$NPM_STAMP"
}
npm_packages() {
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$NPM_STAMP"
}

cargo_needed() {
  ! has_version wasm-bindgen "$WASM_BINDGEN_VERSION" && return 0
  [ "$MODE" = test ] || return 1
  ! has_version wasm-pack "$WASM_PACK_VERSION" || ! has_version geckodriver "$GECKODRIVER_VERSION"
}

browsers_needed() {
  [ "$MODE" = test ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || [ ! -x /usr/bin/firefox-esr ]; }
}

# ---- main -------------------------------------------------------------------

# The target first and in the foreground: it is quick, and cargo needs it.
if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
[ "$MODE" = target ] && exit 0
# npm test checks style with rustfmt and clippy; rustup's default profile
# has both, a minimal one does not.
if [ "$MODE" = test ] && ! { cargo fmt --version && cargo clippy --version; } >/dev/null 2>&1; then
  log "rustup component add rustfmt clippy"
  rustup component add rustfmt clippy
fi

if browsers_needed; then step "apt-browsers" apt_browsers; fi
if npm_needed; then step "npm-ci" npm_packages; fi
if cargo_needed; then step "cargo-tools" cargo_tools; fi
finish
log "ready for $MODE"
