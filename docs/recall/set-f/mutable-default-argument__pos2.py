import json
import os


def log_metrics(step, metrics, history={}, out_dir=None):
    for key, value in metrics.items():
        history.setdefault(key, []).append((step, float(value)))
    if out_dir is not None:
        with open(os.path.join(out_dir, "metrics.json"), "w") as fh:
            json.dump(history, fh)
    return history


def summarize(history):
    return {k: min(v for _, v in series) for k, series in history.items()}


def run_experiment(trainer, steps, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    hist = None
    for step in range(steps):
        metrics = trainer.train_step()
        if step % 100 == 0:
            hist = log_metrics(step, metrics, out_dir=out_dir)
    return summarize(hist or {})
