#!/usr/bin/env bash
# Sets up what Basin needs, builds it (release) and starts it. Arguments go to basin.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product basin >&2
exec .build/release/basin "$@"
