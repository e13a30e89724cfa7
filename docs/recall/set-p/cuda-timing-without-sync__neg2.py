import argparse

import torch

from models import build


@torch.no_grad()
def throughput(net, shape, iters, warm):
    x = torch.randn(*shape, device="cuda", dtype=torch.half)
    for _ in range(warm):
        net(x)
    start_evt = torch.cuda.Event(enable_timing=True)
    end_evt = torch.cuda.Event(enable_timing=True)
    start_evt.record()
    for _ in range(iters):
        net(x)
    end_evt.record()
    torch.cuda.synchronize()
    elapsed = start_evt.elapsed_time(end_evt) / 1000.0
    return iters * shape[0] / elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="vit_b_16")
    ap.add_argument("--bs", type=int, default=64)
    ap.add_argument("--res", type=int, default=224)
    ap.add_argument("--iters", type=int, default=50)
    ap.add_argument("--warm", type=int, default=10)
    args = ap.parse_args()
    net = build(args.model).cuda().half().eval()
    ips = throughput(net, (args.bs, 3, args.res, args.res), args.iters, args.warm)
    print(f"{args.model}: {ips:.1f} images/s at bs={args.bs}")


if __name__ == "__main__":
    main()
