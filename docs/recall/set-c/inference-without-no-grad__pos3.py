import argparse
import time

import torch
import torchvision


def measure_latency(net, input_shape, n_warm=10, n_iter=50, device="cuda"):
    net = net.to(device).eval()
    x = torch.randn(*input_shape, device=device)
    t0 = None
    for i in range(n_warm + n_iter):
        if i == n_warm:
            torch.cuda.synchronize()
            t0 = time.perf_counter()
        net(x)
    torch.cuda.synchronize()
    return (time.perf_counter() - t0) / n_iter * 1000.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--arch", default="resnet50")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--res", type=int, default=224)
    args = ap.parse_args()
    net = getattr(torchvision.models, args.arch)(weights=None)
    ms = measure_latency(net, (args.batch, 3, args.res, args.res))
    print(f"{args.arch}: {ms:.2f} ms/batch, {args.batch * 1000.0 / ms:.1f} img/s")


if __name__ == "__main__":
    main()
