import argparse
import time

import torch

from model import build_model


def time_sync():
    if torch.cuda.is_available():
        torch.cuda.synchronize()
    return time.time()


def measure_latency(model, sample, runs=100, warmup=10):
    model.eval()
    with torch.no_grad():
        for _ in range(warmup):
            model(sample)
        start = time_sync()
        for _ in range(runs):
            model(sample)
        end = time_sync()
    return (end - start) / runs * 1000.0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default="configs/base.yaml")
    parser.add_argument("--input-size", type=int, nargs=2, default=[512, 1024])
    parser.add_argument("--batch", type=int, default=1)
    args = parser.parse_args()

    net = build_model(args.config).cuda()
    x = torch.randn(args.batch, 3, *args.input_size, device="cuda")
    ms = measure_latency(net, x)
    print(f"latency: {ms:.2f} ms / batch, {1000.0 * args.batch / ms:.1f} FPS")
