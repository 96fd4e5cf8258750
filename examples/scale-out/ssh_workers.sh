#!/usr/bin/env bash
# Optuna workers as plain ssh processes: one worker per host (repeat a host to run several),
# all writing to one PostgreSQL study (a journal file works too when the hosts share a filesystem).
#   STORAGE=postgresql://optuna:secret@db.lan/optuna ./ssh_workers.sh node1 node2 node2
set -euo pipefail
STORAGE="${STORAGE:?set STORAGE, e.g. postgresql://user:pass@host/db}"
DIR="${REMOTE_DIR:-basin/examples/scale-out}"
pids=()
for host in "$@"; do
    ssh "$host" "cd $DIR && BASIN_THREADS=1 python optuna_worker.py --trials 5 --storage '$STORAGE'" &
    pids+=($!)
done
# Exit non-zero when any worker failed (a bare `wait` reports success whatever they did).
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=$((failed + 1)); done
[ "$failed" -eq 0 ] || { echo "$failed of ${#pids[@]} workers failed" >&2; exit 1; }
