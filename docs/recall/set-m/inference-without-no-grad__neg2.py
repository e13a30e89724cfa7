import time

import torch


class Benchmark:
    def __init__(self, model, batch_size=16, resolution=224, device="cuda"):
        self.device = torch.device(device)
        self.model = model.to(self.device).eval()
        self.inputs = torch.randn(batch_size, 3, resolution, resolution, device=self.device)

    def _sync(self):
        if self.device.type == "cuda":
            torch.cuda.synchronize(self.device)

    @torch.inference_mode()
    def run(self, warmup=20, iters=200):
        for _ in range(warmup):
            self.model(self.inputs)
        self._sync()
        start = time.perf_counter()
        for _ in range(iters):
            self.model(self.inputs)
        self._sync()
        elapsed = time.perf_counter() - start
        per_iter_ms = elapsed / iters * 1e3
        throughput = self.inputs.shape[0] * iters / elapsed
        return {"latency_ms": per_iter_ms, "images_per_s": throughput}


if __name__ == "__main__":
    import torchvision

    bench = Benchmark(torchvision.models.mobilenet_v3_large(weights=None))
    print(bench.run())
