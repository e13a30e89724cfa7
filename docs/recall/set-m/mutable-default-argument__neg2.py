from collections import defaultdict, deque


class Meter:
    def __init__(self, window=20):
        self.buf = deque(maxlen=window)
        self.sum = 0.0
        self.n = 0

    def add(self, v):
        self.buf.append(v)
        self.sum += v
        self.n += 1

    def __str__(self):
        recent = sum(self.buf) / max(len(self.buf), 1)
        return f"{recent:.4f} ({self.sum / max(self.n, 1):.4f})"


class TrainLogger:
    def __init__(self, sep="  ", keys=("loss", "lr"), fmt_widths=(8, 10)):
        self.sep = sep
        self.keys = tuple(keys)
        self.widths = dict(zip(self.keys, fmt_widths))
        self.meters = defaultdict(Meter)
        self.lines = 0

    def update(self, **scalars):
        for k, v in scalars.items():
            self.meters[k].add(float(v.item() if hasattr(v, "item") else v))

    def line(self, step):
        cols = [f"{k}={self.meters[k]}" for k in self.keys if k in self.meters]
        self.lines += 1
        return f"[{step}] " + self.sep.join(cols)
