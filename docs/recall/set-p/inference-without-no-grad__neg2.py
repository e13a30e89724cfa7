import argparse
import time

import torch
import torchvision


@torch.no_grad()
def measure_latency(net, batch, n_warm=10, n_iter=100):
    start = None
    for i in range(n_warm + n_iter):
        if i == n_warm:
            torch.cuda.synchronize()
            start = time.perf_counter()
        net(batch)
    torch.cuda.synchronize()
    return (time.perf_counter() - start) / n_iter * 1e3


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--arch", default="resnet50")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--channels-last", action="store_true")
    args = ap.parse_args()

    net = getattr(torchvision.models, args.arch)(weights=None).cuda().eval()
    x = torch.randn(args.batch_size, 3, 224, 224, device="cuda")
    if args.channels_last:
        net = net.to(memory_format=torch.channels_last)
        x = x.to(memory_format=torch.channels_last)
    ms = measure_latency(net, x)
    print(f"{args.arch} bs={args.batch_size}: {ms:.2f} ms/iter, {args.batch_size * 1e3 / ms:.1f} img/s")


if __name__ == "__main__":
    main()
