import argparse

import torch

from models import build_model


def throughput(net, batch, runs=100, warm=10):
    net.eval()
    start_evt = torch.cuda.Event(enable_timing=True)
    end_evt = torch.cuda.Event(enable_timing=True)
    with torch.inference_mode():
        for _ in range(warm):
            net(batch)
        start_evt.record()
        for _ in range(runs):
            net(batch)
        end_evt.record()
    torch.cuda.synchronize()
    elapsed_s = start_evt.elapsed_time(end_evt) / 1000.0
    return runs * batch.shape[0] / elapsed_s


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
