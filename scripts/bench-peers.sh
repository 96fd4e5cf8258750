#!/usr/bin/env bash
# Basin against its Python peers (../shared/peers: NumPy, JAX, PyTorch, one thread each) on the
# MNIST-1D reference training, in ONE run on this machine, and the ratio to the best peer.
# Absolute steps/s vary about 2× between machines of the same kind; the ratios are what the
# README reports. Needs the release build and the peers' venv (../shared/peers/setup.sh).
#   scripts/bench-peers.sh            # mlp and cnn
#   MODELS=mlp scripts/bench-peers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PEERS=${PEERS:-../shared/peers}
PY=${VENV:-$HOME/.cache/basin-peers/venv}/bin/python
[ -x "$PY" ] || { echo "no peers venv at $PY: run $PEERS/setup.sh first" >&2; exit 1; }
[ -x .build/release/basin-bench ] || swift build -c release --product basin-bench
rate() { grep -o '"steps_per_s_median": [0-9.]*' | tail -1 | awk '{print $2}'; }
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}; $(.build/release/basin --version 2>/dev/null | tail -1)"
printf '%-6s %10s %10s %10s %10s %s\n' model basin numpy jax torch "basin / best peer"
for model in ${MODELS:-mlp cnn}; do
    basin=$(.build/release/basin-bench train --model "$model" 2>/dev/null | rate)
    declare -A peer=()
    for fw in numpy jax torch; do
        peer[$fw]=$("$PY" "$PEERS/peer_mnist1d.py" --framework "$fw" --model "$model" --threads 1 2>/dev/null | rate || echo 0)
    done
    best=$(printf '%s\n' "${peer[@]}" | sort -g | tail -1)
    printf '%-6s %10.0f %10.0f %10.0f %10.0f %.2f×\n' "$model" "$basin" "${peer[numpy]:-0}" "${peer[jax]:-0}" "${peer[torch]:-0}" \
        "$(echo "$basin / $best" | bc -l)"
done
