from time import perf_counter
import statistics

import torch


class LatencyProfiler:
    def __init__(self, net, input_shape, device="cuda", runs=100, warmup_runs=10):
        self.net = net.to(device).eval()
        self.sample = torch.randn(*input_shape, device=device)
        self.runs = runs
        self.warmup_runs = warmup_runs
        self.latencies_ms = []

    @torch.inference_mode()
    def profile(self):
        for _ in range(self.warmup_runs):
            self.net(self.sample)
        torch.cuda.synchronize()
        for _ in range(self.runs):
            tic = perf_counter()
            self.net(self.sample)
            self.latencies_ms.append((perf_counter() - tic) * 1e3)
        return self.summary()

    def summary(self):
        ordered = sorted(self.latencies_ms)
        return {
            "mean_ms": statistics.mean(ordered),
            "p50_ms": ordered[len(ordered) // 2],
            "p95_ms": ordered[int(0.95 * (len(ordered) - 1))],
        }
