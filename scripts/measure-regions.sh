#!/usr/bin/env bash
# The cost of the live decision regions (issue: the dashboard redraws a 2-D classifier's regions
# at each snapshot): steps/s of `train a on d epochs=N` for a small net on moons in the notebook,
# through tmux, at 100×30 and 60×15 — total steps over the wall time from Enter to the report
# line. With a second binary (say, one built without the region pane) the runs alternate
# between the two and both are printed; compare medians, the machine's load moves single runs.
# Usage: scripts/measure-regions.sh [EPOCHS] [OTHER_BINARY]   (build first: swift build -c release)
set -euo pipefail
cd "$(dirname "$0")/.."
BASIN="$PWD/.build/release/basin"
EPOCHS="${1:-20000}"
OTHER="${2:-}"
SCRATCH="$(mktemp -d)"
trap 'for s in $(cat "$SCRATCH/sockets" 2>/dev/null); do tmux -L "$s" kill-server 2>/dev/null || true; done; rm -rf "$SCRATCH"' EXIT
rate() { # rate BINARY WIDTH HEIGHT -> steps/s   (each run on a fresh server socket, killed after it)
  local socket="basin-regions-$$-$RANDOM$RANDOM"
  echo "$socket" >> "$SCRATCH/sockets"
  local T="tmux -L $socket -f /dev/null"
  $T new-session -d -x "$2" -y "$3" "cd $SCRATCH && XDG_STATE_HOME=$SCRATCH/state TERM=xterm-256color LANG=C.UTF-8 $1; sleep 600"
  until $T capture-pane -p | grep -qF "F1 help"; do sleep 0.05; done
  for line in "data d = moons n=1000 noise=0.2" "net a = dense 32 relu, dense 32 relu, dense 2" "opt a adam lr=1e-3"; do
    $T send-keys -l "$line"; $T send-keys Enter; sleep 0.2
  done
  $T send-keys -l "train a on d epochs=$EPOCHS"; local t0; t0=$(date +%s%N); $T send-keys Enter
  until $T capture-pane -p | grep -qE "a: step [0-9]+ ·"; do sleep 0.01; done
  local t1; t1=$(date +%s%N)
  local steps; steps=$($T capture-pane -p | grep -oE "a: step [0-9]+" | grep -oE "[0-9]+" | tail -1)
  $T kill-server 2>/dev/null || true
  echo $(( steps * 1000000000 / (t1 - t0) ))
}
for size in "100 30" "60 15"; do
  for i in 1 2 3 4 5 6 7 8; do
    if [ -z "$OTHER" ]; then echo "${size/ /x}: $(rate "$BASIN" $size) steps/s"; continue; fi
    # Each binary goes first every other time.
    if [ $((i % 2)) = 0 ]; then other=$(rate "$OTHER" $size); this=$(rate "$BASIN" $size)
    else this=$(rate "$BASIN" $size); other=$(rate "$OTHER" $size); fi
    echo "${size/ /x}: $this steps/s · other binary $other steps/s · load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
