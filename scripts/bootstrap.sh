#!/usr/bin/env bash
# Installs everything SMPP Console needs to build, run and test on Debian/Ubuntu.
# Idempotent: a warm machine skips apt, npm and cargo installs that are already done.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

APT_PACKAGES=(
  # Tauri v2 build
  build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libsoup-3.0-dev
  librsvg2-dev libayatana-appindicator3-dev libdbus-1-dev
  # headless window + WebDriver for the end-to-end tests
  xvfb xauth webkit2gtk-driver dbus dbus-x11
  # the end-to-end test writes older messages into the log between its two app sessions
  sqlite3
  # OS keyring (Secret Service) for credential tests
  gnome-keyring libsecret-1-dev
  # interop peers and helpers
  nodejs npm
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# node may come from elsewhere than Debian (e.g. nodesource); only ask apt for it when absent.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [ "$p" = nodejs ] || [ "$p" = npm ] || filtered+=("$p"); done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi

if [ "${#missing[@]}" -gt 0 ]; then
  echo "bootstrap: installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  # The image deletes cached .debs; a retry recovers from "cannot access archive".
  for attempt in 1 2 3; do
    if $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"; then break; fi
    if [ "$attempt" = 3 ]; then echo "bootstrap: apt-get install failed" >&2; exit 1; fi
    sleep 5
  done
fi

if ! command -v cargo >/dev/null; then
  echo "bootstrap: cargo is missing; install Rust from https://rustup.rs and re-run" >&2
  exit 1
fi

# tauri-driver bridges WebDriver to WebKitWebDriver for the end-to-end tests.
if ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "bootstrap: installing tauri-driver"
  cargo install tauri-driver --version '^2' --locked
fi

# npm install (not npm ci): the lockfile lists optional packages for other platforms.
if [ ! -d ui/node_modules ] || [ ui/package.json -nt ui/node_modules/.package-lock.json ]; then
  echo "bootstrap: installing UI packages"
  (cd ui && npm install --no-audit --no-fund)
fi
if [ ! -d tests/interop/node_modules ] || [ tests/interop/package.json -nt tests/interop/node_modules/.package-lock.json ]; then
  echo "bootstrap: installing interop test packages"
  (cd tests/interop && npm install --no-audit --no-fund)
fi
echo "bootstrap: ready"
