from collections import deque


class SmoothedValue:
    def __init__(self, window=20):
        self.values = deque(maxlen=window)
        self.total = 0.0
        self.count = 0

    def update(self, value, n=1):
        self.values.append(value)
        self.total += value * n
        self.count += n

    @property
    def avg(self):
        return sum(self.values) / max(len(self.values), 1)

    @property
    def global_avg(self):
        return self.total / max(self.count, 1)


class MetricLogger:
    def __init__(self, delimiter="  ", meters={}):
        self.delimiter = delimiter
        self.meters = meters
        self.iters = 0

    def update(self, **kwargs):
        for name, value in kwargs.items():
            if hasattr(value, "item"):
                value = value.item()
            if name not in self.meters:
                self.meters[name] = SmoothedValue()
            self.meters[name].update(float(value))

    def __str__(self):
        parts = [f"{name}: {m.avg:.4f} ({m.global_avg:.4f})" for name, m in self.meters.items()]
        return self.delimiter.join(parts)

    def log_every(self, iterable, print_freq, header=""):
        for i, obj in enumerate(iterable):
            yield obj
            self.iters += 1
            if i % print_freq == 0:
                print(f"{header} [{i}] {self} (total iters {self.iters})")
