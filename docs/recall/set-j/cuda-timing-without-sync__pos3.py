import statistics
import time
from dataclasses import dataclass, field

import torch


@dataclass
class InferenceBench:
    net: torch.nn.Module
    device: str = "cuda:0"
    warm_iters: int = 5
    timings_ms: list = field(default_factory=list)

    def __post_init__(self):
        self.net = self.net.to(self.device).eval()

    @torch.inference_mode()
    def run(self, loader, max_batches=200):
        for i, batch in enumerate(loader):
            if i >= max_batches:
                break
            batch = batch.to(self.device, non_blocking=True)
            if i < self.warm_iters:
                self.net(batch)
                continue
            torch.cuda.synchronize(self.device)
            t_start = time.monotonic()
            self.net(batch)
            self.timings_ms.append((time.monotonic() - t_start) * 1e3)
        return self.summary()

    def summary(self):
        if not self.timings_ms:
            return {}
        return {
            "mean_ms": statistics.mean(self.timings_ms),
            "p50_ms": statistics.median(self.timings_ms),
            "max_ms": max(self.timings_ms),
        }
