import time

import numpy as np
import torch
import torchvision


def benchmark(model, batch_size=8, img_size=512, warmup=10, runs=100):
    device = torch.device("cuda")
    model = model.to(device).eval()
    x = torch.randn(batch_size, 3, img_size, img_size, device=device)
    times = []
    with torch.no_grad():
        for _ in range(warmup):
            model(x)
        for _ in range(runs):
            t0 = time.time()
            model(x)
            times.append(time.time() - t0)
    times = np.array(times) * 1000
    return {
        "mean_ms": float(times.mean()),
        "p90_ms": float(np.percentile(times, 90)),
        "fps": batch_size * 1000.0 / float(times.mean()),
    }


if __name__ == "__main__":
    for name in ["resnet18", "resnet50", "efficientnet_b0"]:
        net = getattr(torchvision.models, name)(weights=None)
        stats = benchmark(net)
        print(f"{name:>16}: {stats['mean_ms']:.2f} ms  {stats['fps']:.1f} img/s")
