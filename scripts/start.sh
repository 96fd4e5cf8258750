#!/usr/bin/env bash
# Sets up what Basin needs, builds it (release) and starts it. Arguments go to basin.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release >&2   # basin and basin-bench (the README's performance commands)
exec .build/release/basin "$@"
