import argparse
import time

import torch
import torchvision


def benchmark(net, batch, n_warm=10, n_iter=50):
    x = torch.randn(batch, 3, 224, 224, device="cuda")
    net = net.cuda().eval()
    times = []
    for i in range(n_warm + n_iter):
        torch.cuda.synchronize()
        t0 = time.perf_counter()
        net(x)
        torch.cuda.synchronize()
        if i >= n_warm:
            times.append(time.perf_counter() - t0)
    mean = sum(times) / len(times)
    return batch / mean


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--arch", default="resnet50")
    ap.add_argument("--batch", type=int, default=64)
    a = ap.parse_args()
    model = getattr(torchvision.models, a.arch)()
    print(f"{a.arch}: {benchmark(model, a.batch):.1f} img/s")
