"""Run one Basin trial as a subprocess and stream its JSON lines.

`basin trial --config -` reads a JSON config on stdin, prints one JSON line per evaluation
({"step":…, "epoch":…, "val_loss":…, …}) and a final line with "status" and the metrics, and exits
0 (done) or 70 (failed); 64 means the config itself was unusable. See docs/scale-out.md.
"""
import json
import os
import subprocess

BASIN = os.environ.get("BASIN", "basin")
if os.sep in BASIN:  # a path, not a name on PATH: absolute, since trials run in the sweep's folder
    BASIN = os.path.abspath(BASIN)


def run_trial(file, values, budget, seed=0, sweep=None, on_evaluation=None):
    """Runs one trial; returns the final JSON object, or {"status": "pruned", …} when
    `on_evaluation(record)` returned True (the process is killed at once)."""
    # A trial is confined to the directory it runs in: run it in the sweep file's own folder
    # (its data files are named relative to it), and name the file from there.
    folder, name = os.path.split(os.path.abspath(file))
    config = {"file": name, "values": values, "budget": budget, "seed": seed}
    if sweep:
        config["sweep"] = sweep
    proc = subprocess.Popen([BASIN, "trial", "--config", "-"], stdin=subprocess.PIPE, cwd=folder,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc.stdin.write(json.dumps(config))
    proc.stdin.close()
    final, last = None, None
    try:
        for line in proc.stdout:
            record = json.loads(line)
            if "status" in record:
                final = record
                continue
            last = record
            if on_evaluation is not None and on_evaluation(record):
                return {"status": "pruned", "last": last}
    finally:
        if proc.poll() is None and final is None:  # pruned, or the caller was stopped: no orphans
            proc.kill()
            proc.wait()
    code = proc.wait()
    errors = proc.stderr.read()
    if final is None:
        final = {"status": "failed", "error": errors.strip() or f"basin trial exited {code}"}
    final["exit_code"] = code
    return final
