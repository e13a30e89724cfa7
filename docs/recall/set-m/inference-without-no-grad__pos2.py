import argparse
import statistics
import time

import torch
import torchvision


def measure_latency(net, input_shape, n_warm=10, n_iter=100, device="cuda"):
    net = net.to(device).eval()
    x = torch.randn(*input_shape, device=device)
    samples = []
    for i in range(n_warm + n_iter):
        torch.cuda.synchronize()
        t0 = time.perf_counter()
        out = net(x)
        torch.cuda.synchronize()
        if i >= n_warm:
            samples.append((time.perf_counter() - t0) * 1000.0)
    return statistics.median(samples), out.shape


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--arch", default="resnet50")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--res", type=int, default=224)
    args = ap.parse_args()
    net = getattr(torchvision.models, args.arch)(weights=None)
    ms, shape = measure_latency(net, (args.batch, 3, args.res, args.res))
    print(f"{args.arch} bs={args.batch}: {ms:.2f} ms/iter, output {tuple(shape)}")


if __name__ == "__main__":
    main()
