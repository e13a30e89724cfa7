import argparse
import time

import torch
import torchvision


def measure_latency(net, batch, iters=100, warm=10):
    net.eval()
    start = None
    for i in range(warm + iters):
        if i == warm:
            torch.cuda.synchronize()
            start = time.perf_counter()
        net(batch)
    torch.cuda.synchronize()
    elapsed = time.perf_counter() - start
    return elapsed / iters * 1000.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--arch", default="resnet50")
    ap.add_argument("--bs", type=int, default=32)
    ap.add_argument("--res", type=int, default=224)
    args = ap.parse_args()

    net = getattr(torchvision.models, args.arch)(weights=None).cuda()
    batch = torch.randn(args.bs, 3, args.res, args.res, device="cuda")
    ms = measure_latency(net, batch)
    print(f"{args.arch}: {ms:.2f} ms / batch of {args.bs}")
    print(f"throughput: {args.bs * 1000.0 / ms:.1f} img/s")


if __name__ == "__main__":
    main()
