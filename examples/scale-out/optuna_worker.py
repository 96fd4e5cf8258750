"""An Optuna worker that runs Basin trials (ask-and-tell, pruning from the per-evaluation lines).

Start as many workers as you like against one storage; each asks Optuna for a configuration,
runs `basin trial`, reports every evaluation (so the pruner can stop a bad trial early) and tells
Optuna the result:

    python optuna_worker.py --trials 10 --storage journal:/shared/basin-study.log
    python optuna_worker.py --trials 10 --storage postgresql://user:pass@db/optuna

The search space mirrors sweep.basin's body; `w{k}` is suggested only for layers that exist
(define-by-run), exactly the values `basin trial` accepts. The metric and its direction are the
sweep's (`report val_acc maximize` in the body makes the study maximize val_acc). Each worker's
sampler seed is --seed plus its index (--worker, or SLURM_ARRAY_TASK_ID), so workers never
propose the same configurations. A worker that stops with an error marks its trial FAIL; with an
RDB storage a heartbeat also fails the trials of a worker that was killed outright.
"""
import argparse
import os
import re
import sys

import optuna

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from basin_trial import run_trial  # noqa: E402


def objective_of(file, sweep):
    """The metric and direction the sweep optimizes: its body's `report METRIC [maximize]` line,
    else val_loss, minimized (what `basin trial` reports as "metric" and "direction")."""
    text = open(file, encoding="utf-8").read()
    match = re.search(r"^\s*report\s+(\w+)(\s+maximize)?", text, re.MULTILINE)
    if not match:
        return "val_loss", "minimize"
    return match.group(1), "maximize" if match.group(2) else "minimize"


def suggest(trial):
    values = {"lr": trial.suggest_float("lr", 1e-4, 3e-2, log=True),
              "depth": trial.suggest_int("depth", 1, 3)}
    for k in range(1, values["depth"] + 1):
        values[f"w{k}"] = trial.suggest_categorical(f"w{k}", [32, 64, 128])
    return values


def storage_from(text):
    if text.startswith("journal:"):
        backend = optuna.storages.journal.JournalFileBackend(text[len("journal:"):])
        return optuna.storages.JournalStorage(backend)
    return text  # an RDB URL: postgresql://…, sqlite:///…


def work(study, trials, budget, file, sweep, metric):
    for _ in range(trials):
        trial = study.ask()
        told = False
        try:
            values = suggest(trial)
            evaluations = [0]

            def on_evaluation(record, trial=trial):
                if record.get(metric) is None:
                    return False
                # Steps are the evaluation's index, 1, 2, …: unique however often the body
                # evaluates (`train … every=N` made rounded epochs collide).
                evaluations[0] += 1
                trial.report(record[metric], step=evaluations[0])
                return trial.should_prune()

            result = run_trial(file, values, budget, seed=trial.number, sweep=sweep, on_evaluation=on_evaluation)
            if result["status"] == "done":
                study.tell(trial, result["objective"])
            elif result["status"] == "pruned":
                study.tell(trial, state=optuna.trial.TrialState.PRUNED)
            else:
                study.tell(trial, state=optuna.trial.TrialState.FAIL)
            told = True
            print(f"trial {trial.number}: {result['status']} {values} → {result.get('objective')}", flush=True)
        finally:
            if not told:  # an exception or Ctrl-C: never leave the trial RUNNING
                study.tell(trial, state=optuna.trial.TrialState.FAIL)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--storage", default="journal:basin-study.log")
    parser.add_argument("--study", default="basin-mnist1d")
    parser.add_argument("--trials", type=int, default=10, help="trials this worker runs")
    parser.add_argument("--budget", type=int, default=10, help="epochs per trial ($budget)")
    parser.add_argument("--file", default=os.path.join(HERE, "sweep.basin"))
    parser.add_argument("--sweep", default="s")
    parser.add_argument("--seed", type=int, default=None, help="sampler seed (one worker: reproducible)")
    parser.add_argument("--worker", type=int, default=int(os.environ.get("SLURM_ARRAY_TASK_ID", os.getpid())),
                        help="this worker's index: the sampler seed is --seed plus it")
    args = parser.parse_args()
    metric, direction = objective_of(args.file, args.sweep)
    seed = None if args.seed is None else args.seed + args.worker
    storage = storage_from(args.storage)
    if isinstance(storage, str) and not storage.startswith("journal:"):
        # RDB storages: a heartbeat fails the trials of a worker killed outright.
        storage = optuna.storages.RDBStorage(storage, heartbeat_interval=60, grace_period=180)
    study = optuna.create_study(study_name=args.study, storage=storage, load_if_exists=True,
                                direction=direction, sampler=optuna.samplers.TPESampler(seed=seed),
                                pruner=optuna.pruners.MedianPruner(n_startup_trials=3, n_warmup_steps=2))
    work(study, args.trials, args.budget, args.file, args.sweep, metric)
    best = study.best_trial
    print(f"best so far: trial {best.number} {metric} {best.value:.4f} ({direction}) {best.params}")


if __name__ == "__main__":
    main()
