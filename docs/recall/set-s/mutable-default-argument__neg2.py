import json
import os
from dataclasses import dataclass, field


@dataclass
class MetricLogger:
    log_dir: str
    history: dict = field(default_factory=dict)
    tags: tuple = ("train", "val")

    def __post_init__(self):
        os.makedirs(self.log_dir, exist_ok=True)

    def log(self, step, **metrics):
        for name, value in metrics.items():
            if hasattr(value, "item"):
                value = value.item()
            self.history.setdefault(name, []).append((step, float(value)))

    def best(self, name, mode="min"):
        points = self.history.get(name, [])
        if not points:
            return None
        pick = min if mode == "min" else max
        return pick(points, key=lambda p: p[1])

    def dump(self):
        with open(os.path.join(self.log_dir, "metrics.json"), "w") as f:
            json.dump(self.history, f, indent=2)


def run_experiment(train_fn, name, n_epochs, extra_tags=None):
    logger = MetricLogger(os.path.join("runs", name))
    if extra_tags is not None:
        logger.tags = logger.tags + tuple(extra_tags)
    for epoch in range(n_epochs):
        train_loss, val_loss = train_fn(epoch)
        logger.log(epoch, train_loss=train_loss, val_loss=val_loss)
    logger.dump()
    return logger.best("val_loss")
