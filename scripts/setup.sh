#!/usr/bin/env bash
# Installs what Basin's build needs on Debian/Ubuntu, if it is missing; with --tests, also what
# only the tests use (Chromium renders an exported notebook headless; tmux drives the notebook).
# As root it runs apt-get itself; otherwise it prints the exact command to run with sudo.
set -euo pipefail

packages=(libopenblas-dev liblapacke-dev libedit-dev libncurses-dev tmux pkg-config)
# Only the tests use these, and a test that needs one is skipped with its reason without it: a
# machine that cannot install them still builds and tests.
optional=()
if [ "${1:-}" = "--tests" ]; then
  optional+=(chromium)
fi
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
missing=()
for p in "${packages[@]}"; do installed "$p" || missing+=("$p"); done
missing_optional=()
for p in "${optional[@]}"; do installed "$p" || missing_optional+=("$p"); done

if [ ${#missing[@]} -eq 0 ] && [ ${#missing_optional[@]} -eq 0 ]; then
  exit 0
fi

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  if [ ${#missing[@]} -gt 0 ]; then
    echo "basin setup: installing ${missing[*]}" >&2
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  if [ ${#missing_optional[@]} -gt 0 ]; then
    echo "basin setup: installing ${missing_optional[*]} (for the tests)" >&2
    apt-get install -y -qq --no-install-recommends "${missing_optional[@]}" >/dev/null \
      || echo "basin setup: could not install ${missing_optional[*]}; the tests that need it will be skipped" >&2
  fi
  exit 0
fi

if [ ${#missing_optional[@]} -gt 0 ]; then
  echo "basin setup: ${missing_optional[*]} is not installed; the tests that need it will be skipped" >&2
  echo "  (sudo apt-get install -y ${missing_optional[*]} to run them)" >&2
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "basin setup: missing packages: ${missing[*]} (install them with your package manager)" >&2
  exit 1
fi
echo "basin setup: these packages are missing. Run:" >&2
echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
exit 1
