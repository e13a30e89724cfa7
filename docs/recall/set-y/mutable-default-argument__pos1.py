import json
import time
from pathlib import Path


class MetricLogger:
    """Collects scalar metrics per step and dumps them as JSON lines."""

    def __init__(self, log_dir, history={}, flush_every=100):
        self.log_dir = Path(log_dir)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.history = history
        self.flush_every = flush_every
        self._pending = 0
        self._t0 = time.time()

    def update(self, step, **metrics):
        for name, value in metrics.items():
            if hasattr(value, "item"):
                value = value.item()
            self.history.setdefault(name, []).append((step, float(value)))
        self._pending += 1
        if self._pending >= self.flush_every:
            self.flush()

    def mean(self, name, last=50):
        values = [v for _, v in self.history.get(name, [])[-last:]]
        return sum(values) / max(len(values), 1)

    def flush(self):
        with open(self.log_dir / "metrics.jsonl", "a") as f:
            for name, series in self.history.items():
                if series:
                    step, value = series[-1]
                    f.write(json.dumps({"name": name, "step": step, "value": value,
                                        "elapsed": time.time() - self._t0}) + "\n")
        self._pending = 0


def make_loggers(run_dirs):
    return {name: MetricLogger(path) for name, path in run_dirs.items()}
