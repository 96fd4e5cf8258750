#!/usr/bin/env bash
# Runs every lesson in tutorials/ in batch on seeds 1–5 (or the seeds given) and prints the
# README's lesson table: per lesson its claims, how many held on each seed, and the batch time
# per seed on this machine. Exit 1 when a lesson fails or a claim does not hold on some seed.
#
#   scripts/lessons.sh            # seeds 1 2 3 4 5, every lesson
#   scripts/lessons.sh 1 2 3      # other seeds
#   LESSONS="minima depth" scripts/lessons.sh
set -u
cd "$(dirname "$0")/.."
basin=.build/release/basin
[ -x "$basin" ] || swift build -c release >&2 || exit 1
seeds=("$@")
[ ${#seeds[@]} -gt 0 ] || seeds=(1 2 3 4 5)
lessons=${LESSONS:-$(ls tutorials/*.basin | xargs -n1 basename | sed 's/\.basin$//')}
status=0
echo "| lesson | UDL | claims | held (seeds ${seeds[*]}) | batch s per seed |"
echo "|---|---|---:|---|---|"
for lesson in $lessons; do
    file=tutorials/$lesson.basin
    # "(UDL chapters 6 and 20; about 30 s in batch)" → "6 and 20"; "(UDL section 9.3.6; …)" → "§9.3.6"
    chapter=$(head -1 "$file" | sed -n 's/.*(UDL \([^;]*\);.*/\1/p' | sed 's/chapters\? //; s/, section /, §/; s/^section /§/')
    held=() times=() claims=0
    for seed in "${seeds[@]}"; do
        out=$(mktemp)
        start=$(date +%s%N)
        LANG=C.UTF-8 "$basin" run "$file" --seed "$seed" >"$out" 2>&1
        code=$?
        end=$(date +%s%N)
        ok=$(grep -c '^✓ expect' "$out")
        failed=$(grep -c '^✗ expect' "$out")
        claims=$((ok + failed))
        if [ "$code" -ne 0 ] || [ "$failed" -ne 0 ]; then
            status=1
            held+=("**$ok/$claims (exit $code)**")
            grep '^✗ expect\|^error' "$out" | sed "s|^|  $lesson seed $seed: |" >&2
        else
            held+=("$ok/$claims")
        fi
        times+=("$(awk -v ns=$((end - start)) 'BEGIN { printf "%.1f", ns / 1e9 }')")
        rm -f "$out"
    done
    echo "| $lesson | $chapter | $claims | ${held[*]} | ${times[*]} |"
done
exit $status
