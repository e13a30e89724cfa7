"""Measure forward throughput of torchvision classifiers."""
import argparse
import time

import torch
import torchvision


def benchmark(net, batch_size, image_size, n_warm, n_iter, device):
    x = torch.randn(batch_size, 3, image_size, image_size, device=device)
    net = net.to(device).eval()
    t0 = None
    for i in range(n_warm + n_iter):
        if i == n_warm:
            torch.cuda.synchronize()
            t0 = time.perf_counter()
        out = net(x)
    torch.cuda.synchronize()
    elapsed = time.perf_counter() - t0
    return batch_size * n_iter / elapsed, tuple(out.shape)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--arch", nargs="+", default=["resnet50", "mobilenet_v3_large"])
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--image-size", type=int, default=224)
    parser.add_argument("--warm", type=int, default=10)
    parser.add_argument("--iters", type=int, default=50)
    args = parser.parse_args()

    device = torch.device("cuda")
    for arch in args.arch:
        net = getattr(torchvision.models, arch)(weights=None)
        ips, shape = benchmark(net, args.batch_size, args.image_size, args.warm, args.iters, device)
        print(f"{arch:>24s}  {ips:9.1f} img/s  out={shape}")


if __name__ == "__main__":
    main()
