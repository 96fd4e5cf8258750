#!/usr/bin/env bash
# Measures the notebook's targets through tmux with the release binary (README, issue 4):
#   launch → usable prompt, training steps/s in the notebook vs batch mode, and how long a key
#   takes to show on screen while a run trains. Each figure is an upper bound: it includes the
#   tmux round trips (capture-pane polling every ~2 ms). Frame render time: basin-bench notebook-frame.
# Usage: scripts/measure-notebook.sh [STEPS]   (build first: swift build -c release)
set -euo pipefail
cd "$(dirname "$0")/.."
BASIN="$PWD/.build/release/basin"
STEPS="${1:-20000}"
SCRATCH="$(mktemp -d)"
N=0
T="tmux -L basin-measure-$$-$N -f /dev/null"
trap '$T kill-server 2>/dev/null || true; rm -rf "$SCRATCH"' EXIT
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
start() { # start WIDTH HEIGHT COMMAND   (each on a fresh server socket)
  $T kill-server 2>/dev/null || true
  N=$((N + 1)); T="tmux -L basin-measure-$$-$N -f /dev/null"
  $T new-session -d -x "$1" -y "$2" "cd $SCRATCH && XDG_STATE_HOME=$SCRATCH/state TERM=xterm-256color LANG=C.UTF-8 $3; sleep 600"
}
wait_for() { # wait_for TEXT [TIMEOUT_S] [POLL_S]   (poll slowly while timing training)
  local deadline=$(( $(date +%s) + ${2:-60} ))
  until $T capture-pane -p | grep -qF -- "$1"; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "timed out waiting for: $1" >&2; $T capture-pane -p >&2; exit 1; }
    sleep "${3:-0.002}"
  done
}

echo "== launch to usable prompt (5 runs; baseline: a shell printing READY)"
for i in 1 2 3 4 5; do
  t0=$(now); start 100 30 "echo READY"; wait_for READY; t1=$(now)
  t2=$(now); start 100 30 "$BASIN"; wait_for "F1 help"; t3=$(now)
  echo "run $i: basin $(ms $t2 $t3) ms, baseline $(ms $t0 $t1) ms"
done

echo "== training steps/s: batch vs notebook (MNIST-1D MLP, batch 100, $STEPS steps)"
SCRIPT="data m = mnist1d
net b = dense 100 relu, dense 100 relu, dense 10
opt b adam lr=0.01
train b steps=$STEPS batch=100"
printf '%s\n' "$SCRIPT" > "$SCRATCH/train.basin"
for size in "100 30" "200 60"; do
  batch=$("$BASIN" run "$SCRATCH/train.basin" | grep -o '[0-9]* steps/s' | tail -1)
  start $size "$BASIN"; wait_for "F1 help"
  while IFS= read -r line; do $T send-keys -l "$line"; $T send-keys Enter; done <<< "$SCRIPT"
  wait_for "b: step $STEPS" 600 0.5
  notebook=$($T capture-pane -p | grep -o "$STEPS/$STEPS .*[0-9]* steps/s" | grep -o '[0-9]* steps/s' | tail -1)
  echo "batch: $batch · notebook at ${size/ /x} with the dashboard: $notebook"
done

echo "== key press to screen while training (20 keys)"
start 100 30 "$BASIN"; wait_for "F1 help"
for line in "data m = mnist1d" "net b = dense 100 relu, dense 100 relu, dense 10" "train b steps=10000000 batch=100"; do
  $T send-keys -l "$line"; $T send-keys Enter
done
wait_for "Ctrl-C stops"
typed=""
for i in $(seq 1 20); do
  typed="${typed}x"
  t0=$(now); $T send-keys x; wait_for "❯ $typed"; t1=$(now)
  echo -n "$(ms $t0 $t1) "
done
echo "ms"
$T send-keys C-c
