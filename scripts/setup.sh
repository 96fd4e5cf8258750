#!/usr/bin/env bash
# Installs what Basin's build needs on Debian/Ubuntu, if it is missing; with --tests, also what
# only the tests use (Chromium renders an exported notebook headless; tmux drives the notebook).
# As root it runs apt-get itself; otherwise it prints the exact command to run with sudo.
set -euo pipefail

packages=(libopenblas-dev liblapacke-dev libedit-dev libncurses-dev tmux pkg-config)
if [ "${1:-}" = "--tests" ]; then
  packages+=(chromium)
fi
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "basin setup: missing packages: ${missing[*]} (install them with your package manager)" >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  echo "basin setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "basin setup: these packages are missing. Run:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
