#!/usr/bin/env bash
# Optuna workers as a Slurm job array: every array task is one worker sharing one journal file
# on the shared filesystem (or point --storage at PostgreSQL). Submit with:
#   sbatch --array=0-15 slurm_array.sh
#SBATCH --job-name=basin-sweep
#SBATCH --cpus-per-task=1
#SBATCH --time=01:00:00
#SBATCH --output=basin-sweep-%A_%a.out
set -euo pipefail
export BASIN_THREADS=1                       # one core per trial; Slurm gives each task its own
export BASIN="${BASIN:-$HOME/bin/basin}"
cd "${SLURM_SUBMIT_DIR:-$(dirname "$0")}"
python optuna_worker.py --trials 4 --budget 10 \
    --storage "journal:${STUDY_LOG:-$PWD/basin-study.log}"
