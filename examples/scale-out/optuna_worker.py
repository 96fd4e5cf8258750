"""An Optuna worker that runs Basin trials (ask-and-tell, pruning from the per-evaluation lines).

Start as many workers as you like against one storage; each asks Optuna for a configuration,
runs `basin trial`, reports every evaluation (so the pruner can stop a bad trial early) and tells
Optuna the result:

    python optuna_worker.py --trials 10 --storage journal:/shared/basin-study.log
    python optuna_worker.py --trials 10 --storage postgresql://user:pass@db/optuna

The search space mirrors sweep.basin's body; `w{k}` is suggested only for layers that exist
(define-by-run), exactly the values `basin trial` accepts.
"""
import argparse
import os

import optuna

from basin_trial import run_trial

HERE = os.path.dirname(os.path.abspath(__file__))


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


def work(study, trials, budget, file, sweep):
    for _ in range(trials):
        trial = study.ask()
        values = suggest(trial)

        def on_evaluation(record, trial=trial):
            if record.get("val_loss") is None:
                return False
            trial.report(record["val_loss"], step=int(round(record["epoch"])))
            return trial.should_prune()

        result = run_trial(file, values, budget, seed=trial.number, sweep=sweep, on_evaluation=on_evaluation)
        if result["status"] == "done":
            study.tell(trial, result["objective"])
        elif result["status"] == "pruned":
            study.tell(trial, state=optuna.trial.TrialState.PRUNED)
        else:
            study.tell(trial, state=optuna.trial.TrialState.FAIL)
        print(f"trial {trial.number}: {result['status']} {values} → {result.get('objective')}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--storage", default="journal:basin-study.log")
    parser.add_argument("--study", default="basin-mnist1d")
    parser.add_argument("--trials", type=int, default=10, help="trials this worker runs")
    parser.add_argument("--budget", type=int, default=10, help="epochs per trial ($budget)")
    parser.add_argument("--file", default=os.path.join(HERE, "sweep.basin"))
    parser.add_argument("--sweep", default="s")
    parser.add_argument("--seed", type=int, default=None, help="sampler seed (one worker: reproducible)")
    args = parser.parse_args()
    study = optuna.create_study(study_name=args.study, storage=storage_from(args.storage), load_if_exists=True,
                                direction="minimize", sampler=optuna.samplers.TPESampler(seed=args.seed),
                                pruner=optuna.pruners.MedianPruner(n_startup_trials=3, n_warmup_steps=2))
    work(study, args.trials, args.budget, args.file, args.sweep)
    best = study.best_trial
    print(f"best so far: trial {best.number} val_loss {best.value:.4f} {best.params}")


if __name__ == "__main__":
    main()
