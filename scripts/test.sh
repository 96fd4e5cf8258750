#!/usr/bin/env bash
# Runs Basin's whole test suite from a fresh clone: set-up, a release build (the end-to-end tests
# drive the real binaries), then every test target. Tests build in release because the numeric
# tests train real networks; no test times anything.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release
swift test -c release "$@"
