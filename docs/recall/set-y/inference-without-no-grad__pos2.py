import time

import torch
import torchvision


def benchmark(net, batch_size=32, img_size=224, n_warm=10, n_iter=100, device="cuda"):
    net = net.to(device).eval()
    x = torch.randn(batch_size, 3, img_size, img_size, device=device)
    with torch.no_grad():
        for _ in range(n_warm):
            net(x)
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(n_iter):
        out = net(x)
    torch.cuda.synchronize()
    elapsed = time.perf_counter() - t0
    return {
        "latency_ms": 1000.0 * elapsed / n_iter,
        "throughput": batch_size * n_iter / elapsed,
        "out_shape": tuple(out.shape),
    }


def main():
    results = {}
    for name in ("resnet50", "mobilenet_v3_large", "efficientnet_b0"):
        net = getattr(torchvision.models, name)(weights=None)
        results[name] = benchmark(net)
        print(f"{name:>22}: {results[name]['latency_ms']:.2f} ms/batch, "
              f"{results[name]['throughput']:.0f} img/s")
    return results


if __name__ == "__main__":
    main()
