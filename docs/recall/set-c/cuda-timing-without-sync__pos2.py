import argparse
import time

import torch

from models import build_model


def throughput(net, batch, runs=100, warm=10):
    net.eval()
    with torch.inference_mode():
        for _ in range(warm):
            net(batch)
        torch.cuda.synchronize()
        start = time.perf_counter()
        for _ in range(runs):
            net(batch)
        elapsed = time.perf_counter() - start
    return runs * batch.shape[0] / elapsed


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="vit_small")
    ap.add_argument("--bs", type=int, default=64)
    ap.add_argument("--fp16", action="store_true")
    args = ap.parse_args()
    net = build_model(args.model).cuda()
    batch = torch.randn(args.bs, 3, 224, 224, device="cuda")
    if args.fp16:
        net, batch = net.half(), batch.half()
    print(f"{args.model}: {throughput(net, batch):.1f} images/s")
