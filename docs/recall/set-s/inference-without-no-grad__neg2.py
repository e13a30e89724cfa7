import time

import torch


class LatencyBench:
    def __init__(self, model, input_shape, device="cuda", n_warm=20, n_iter=200):
        self.model = model.to(device)
        self.x = torch.randn(*input_shape, device=device)
        self.n_warm = n_warm
        self.n_iter = n_iter

    def _forward(self):
        with torch.inference_mode():
            return self.model(self.x)

    def run(self):
        self.model.eval()
        for _ in range(self.n_warm):
            self._forward()
        torch.cuda.synchronize()
        t0 = time.perf_counter()
        for _ in range(self.n_iter):
            self._forward()
        torch.cuda.synchronize()
        t1 = time.perf_counter()
        return (t1 - t0) / self.n_iter * 1e3


if __name__ == "__main__":
    import torchvision

    bench = LatencyBench(torchvision.models.mobilenet_v3_large(), (8, 3, 224, 224))
    print(f"{bench.run():.2f} ms/iter")
