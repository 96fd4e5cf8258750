#!/usr/bin/env bash
# Optuna workers as a Slurm job array: every array task is one worker sharing one journal file
# on the shared filesystem (or point --storage at PostgreSQL). Submit from this folder or from
# the repository root:
#   sbatch --array=0-15 examples/scale-out/slurm_array.sh
#SBATCH --job-name=basin-sweep
#SBATCH --cpus-per-task=1
#SBATCH --time=01:00:00
#SBATCH --output=basin-sweep-%A_%a.out
set -euo pipefail
export BASIN_THREADS=1                       # one core per trial; Slurm gives each task its own
export BASIN="${BASIN:-$HOME/bin/basin}"
# Slurm runs a copy of this script from its spool folder, so find the worker from where the job
# was submitted: this folder itself, or the repository root above it.
here="${SLURM_SUBMIT_DIR:-$(dirname "$0")}"
[ -f "$here/optuna_worker.py" ] || here="$here/examples/scale-out"
cd "$here"
python optuna_worker.py --trials 4 --budget 10 \
    --storage "journal:${STUDY_LOG:-$PWD/basin-study.log}"
