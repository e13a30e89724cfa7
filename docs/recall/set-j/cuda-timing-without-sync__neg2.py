import statistics
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
        start_evt = torch.cuda.Event(enable_timing=True)
        end_evt = torch.cuda.Event(enable_timing=True)
        for i, batch in enumerate(loader):
            if i >= max_batches:
                break
            batch = batch.to(self.device, non_blocking=True)
            if i < self.warm_iters:
                self.net(batch)
                continue
            start_evt.record()
            self.net(batch)
            end_evt.record()
            end_evt.synchronize()
            self.timings_ms.append(start_evt.elapsed_time(end_evt))
        return self.summary()

    def summary(self):
        if not self.timings_ms:
            return {}
        return {
            "mean_ms": statistics.mean(self.timings_ms),
            "p50_ms": statistics.median(self.timings_ms),
            "max_ms": max(self.timings_ms),
        }
