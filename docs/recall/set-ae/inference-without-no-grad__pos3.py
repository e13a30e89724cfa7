import argparse
import statistics
import time

import torch
import torchvision


def measure_latency(net, input_size, device, n_warm=10, n_iter=100):
    net = net.to(device).eval()
    x = torch.randn(*input_size, device=device)
    timings = []
    for i in range(n_warm + n_iter):
        torch.cuda.synchronize(device)
        t0 = time.perf_counter()
        net(x)
        torch.cuda.synchronize(device)
        if i >= n_warm:
            timings.append((time.perf_counter() - t0) * 1000.0)
    return statistics.median(timings), statistics.pstdev(timings)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--arch", default="resnet50")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--res", type=int, default=224)
    args = ap.parse_args()

    device = torch.device("cuda:0")
    net = getattr(torchvision.models, args.arch)(weights=None)
    med, std = measure_latency(net, (args.batch, 3, args.res, args.res), device)
    print(f"{args.arch} bs={args.batch}: {med:.2f} ms +- {std:.2f} "
          f"({args.batch / med * 1000.0:.1f} img/s)")


if __name__ == "__main__":
    main()
