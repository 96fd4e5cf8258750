"""Ray Tune driving Basin: a function trainable runs `basin trial` and reports every evaluation,
so Tune's schedulers (ASHA here) can stop bad trials early.

    pip install "ray[tune]"
    BASIN=/path/to/basin python ray_tune.py --samples 27

Ray samples w1 … w3 for every trial; the trainable passes only the widths of layers that exist,
which is what `basin trial` accepts (it refuses values for inactive parameters).
"""
import argparse
import os
import sys

from ray import tune
from ray.tune.schedulers import ASHAScheduler

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)  # Ray runs trainables in worker processes with their own working folders
from basin_trial import run_trial  # noqa: E402
FILE = os.path.join(HERE, "sweep.basin")


def active_values(config):
    values = {"lr": config["lr"], "depth": config["depth"]}
    for k in range(1, config["depth"] + 1):
        values[f"w{k}"] = config[f"w{k}"]
    return values


def trainable(config):
    def on_evaluation(record):
        tune.report({"val_loss": record["val_loss"], "epoch": record["epoch"], "step": record["step"]})
        return False  # Tune stops the trainable itself when its scheduler decides to

    result = run_trial(FILE, active_values(config), config["budget"], seed=config.get("seed", 0),
                       sweep="s", on_evaluation=on_evaluation)
    if result["status"] != "done":
        raise RuntimeError(result.get("error", "trial failed"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=27)
    parser.add_argument("--budget", type=int, default=10)
    args = parser.parse_args()
    space = {"lr": tune.loguniform(1e-4, 3e-2), "depth": tune.randint(1, 4),
             "w1": tune.choice([32, 64, 128]), "w2": tune.choice([32, 64, 128]), "w3": tune.choice([32, 64, 128]),
             "budget": args.budget}
    tuner = tune.Tuner(
        tune.with_resources(trainable, {"cpu": 1}),
        param_space=space,
        tune_config=tune.TuneConfig(metric="val_loss", mode="min", num_samples=args.samples,
                                    scheduler=ASHAScheduler(max_t=args.budget, grace_period=2, reduction_factor=3)),
    )
    best = tuner.fit().get_best_result()
    print("best:", best.metrics["val_loss"], active_values(best.config))


if __name__ == "__main__":
    main()
